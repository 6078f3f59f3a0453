using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The call's handoff as operators see it, kept as the instance's custom status and final output: stage, workflow,
/// redacted finance context, match, plan, approval, actions with their requests and results, review reasons, links.
/// </summary>
public sealed record CallStatusSnapshot
{
    public required string CallId { get; init; }

    public required HandoffStage Stage { get; init; }

    public HandoffWorkflow? Workflow { get; init; }

    public CallFacts? Context { get; init; }

    public CallerMatch? Match { get; init; }

    public IReadOnlyList<PlannedAction> PlannedActions { get; init; } = [];

    public IReadOnlyList<string> ApprovalReasons { get; init; } = [];

    public IReadOnlyList<string> Review { get; init; } = [];

    public ApprovalStatus? Approval { get; init; }

    public IReadOnlyList<ProviderActionResult> Actions { get; init; } = [];

    public SuppressionSummary Suppression { get; init; } = SuppressionSummary.None;

    public IReadOnlyDictionary<string, int> Redactions { get; init; } = new Dictionary<string, int>();

    public CallLinks? Links { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<string> Notifications { get; init; } = [];

    /// <summary>The same status without request bodies and notes, to fit the 16 KB custom-status limit.</summary>
    public CallStatusSnapshot Compact() => this with
    {
        PlannedActions = [.. PlannedActions.Select(a => a with { Request = a.Request with { Note = null, Message = null, Links = [] } })],
        Actions = [.. Actions.Select(a => a with { Request = a.Request is null ? null : a.Request with { Body = a.Request.Body is { Length: > 256 } body ? body[..256] + "…" : a.Request.Body } })],
    };
}
