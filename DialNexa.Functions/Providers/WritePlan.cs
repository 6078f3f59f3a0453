using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers;

/// <summary>
/// Which request an action's live run would send, worked out with reads only (for <see cref="FinanceProvider.PreviewAsync"/>):
/// the call (null when nothing would be sent), the record as the provider holds it now, and what the approver should know.
/// </summary>
public sealed record WritePlan(ProviderCall? Call)
{
    /// <summary>The record as read now; its members are matched to the request's fields by path.</summary>
    public JsonObject? Current { get; init; }

    public ProviderCurrentValues CurrentValues { get; init; } = ProviderCurrentValues.NotRead;

    public string? RecordId { get; init; }

    /// <summary>The operation in words, when the plan chose a more specific one than the action's (notify an existing request, not create one).</summary>
    public string? Operation { get; init; }

    public string? Note { get; init; }
}
