namespace DialNexa.Functions.Providers;

/// <summary>
/// What this app remembers about side effects a provider cannot deduplicate for it, kept per call:
/// <list type="bullet">
/// <item>claims: a key recorded once, durably (a Slack message confirmed posted, a Paystack notification confirmed
/// sent), so a retried activity finds it and sends nothing again;</item>
/// <item>pending writes: a marker written just before a write is sent and cleared once the provider's answer settles
/// it, so a rerun that finds the marker knows an earlier attempt may have taken effect without anyone learning of
/// it, and reads the provider back (waiting out its commit grace) before sending anything again.</item>
/// </list>
/// </summary>
public interface IActionOutbox
{
    /// <summary>Records the key unless it is recorded already: false when it was (the first claim wins).</summary>
    Task<bool> TryClaimAsync(string callId, string key, CancellationToken cancellationToken);

    /// <summary>Whether the key was recorded.</summary>
    Task<bool> IsClaimedAsync(string callId, string key, CancellationToken cancellationToken);

    /// <summary>Marks a write as about to be sent (now), with what the provider held before it (<paramref name="baseline"/>), replacing an older marker.</summary>
    Task MarkPendingAsync(string callId, string key, string? baseline, CancellationToken cancellationToken);

    /// <summary>The marker of a write sent without a settled answer, or null.</summary>
    Task<PendingWrite?> PendingAsync(string callId, string key, CancellationToken cancellationToken);

    /// <summary>Removes the marker once the provider's answer settled the write.</summary>
    Task ClearPendingAsync(string callId, string key, CancellationToken cancellationToken);
}
