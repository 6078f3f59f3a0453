using System.Text.Json.Serialization;
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

    /// <summary>Set once the full status has outgrown the custom-status limit: from then on the compact form is shown.</summary>
    [JsonIgnore]
    public bool CompactInStatus { get; init; }

    /// <summary>
    /// What the review, reminder, decision, summary and alert steps read (stage, context, match confidence, review
    /// reasons, approval, each action's outcome and record link, links): the plan, request bodies, old and new values
    /// and per-provider match details stay out of their inputs, so they do not fill the history a second time.
    /// </summary>
    public CallStatusSnapshot Brief() => this with
    {
        Match = Match is null ? null : Match with { Providers = [] },
        PlannedActions = [],
        Actions = [.. Actions.Select(a => a with { Request = null, OldValue = null, NewValue = null })],
        Redactions = new Dictionary<string, int>(),
    };

    /// <summary>The same status without request bodies and notes, to fit the 16 KB custom-status limit.</summary>
    public CallStatusSnapshot Compact() => this with
    {
        PlannedActions = [.. PlannedActions.Select(a => a with { Request = a.Request with { Note = null, Message = null, Links = [] } })],
        Actions = [.. Actions.Select(a => a with { Request = a.Request is null ? null : a.Request with { Body = a.Request.Body is { Length: > 256 } body ? body[..256] + "…" : a.Request.Body } })],
    };
}
