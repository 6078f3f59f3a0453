using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers;

/// <summary>
/// One write of a provider action, with what <see cref="FinanceProvider"/> needs to make it take effect once when its
/// answer is lost: how to read the provider's answer, and how to read the provider back.
/// </summary>
public sealed record GuardedWrite
{
    public required ProviderCall Call { get; init; }

    /// <summary>A few words naming what is written, for messages ("the customer dana@example.com").</summary>
    public required string What { get; init; }

    /// <summary>
    /// The result the provider's answer settles (a readable success, or a refusal), or null when it settles nothing (a
    /// success whose body cannot be read). Never called for 5xx and 408 answers: those are read back.
    /// </summary>
    public required Func<ProviderReply, ProviderActionResult?> Settle { get; init; }

    /// <summary>What the provider holds for this write now, given the baseline kept when it was sent.</summary>
    public required Func<string?, CancellationToken, Task<ProviderReadBack>> ReadBack { get; init; }

    /// <summary>
    /// True when sending the write again is harmless (an upsert by a key of ours, a version-guarded or partial update):
    /// no pending marker is kept and no commit grace waited out; a read-back that finds nothing means "send it again".
    /// </summary>
    public bool Repeatable { get; init; }

    /// <summary>What the provider held before the write, kept with the pending marker for <see cref="ReadBack"/> (for example a count of notifications).</summary>
    public string? Baseline { get; init; }

    /// <summary>The value before the write, recorded in the result when a read-back settles it.</summary>
    public JsonNode? OldValue { get; init; }
}
