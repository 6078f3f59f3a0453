using System.Text.Json.Serialization;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Messages;
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

    /// <summary>Every message composed for people (Slack posts, approval mails), in order, each with its delivery: state, attempts, delays, last problem.</summary>
    public IReadOnlyList<MessageDelivery> Messages { get; init; } = [];

    /// <summary>
    /// What the review, reminder, decision, summary and alert steps read (stage, context, match confidence, review
    /// reasons, approval, each action's outcome and record link, links): the plan, request bodies, old and new values
    /// and per-provider match details stay out of their inputs, so they do not fill the history a second time.
    /// </summary>
    public CallStatusSnapshot Brief() => this with
    {
        Match = Match is null ? null : Match with { Providers = [] },
        PlannedActions = [],
        Actions = [.. Actions.Select(a => a with { Request = null, OldValue = null, NewValue = null, Attempts = [] })],
        Redactions = new Dictionary<string, int>(),
        Messages = [],
    };

    /// <summary>
    /// The views the running orchestration may show as its custom status, largest first: every text clipped, request bodies and
    /// notes left for the final output, lists capped, so it stays under <see cref="CustomStatusLimit"/> characters of
    /// JSON however long the call's texts are. If even that does not fit, smaller views are tried in turn (the approval
    /// request without its details, then only the call, its stage and workflow), and the first that fits is shown.
    /// Built one at a time, as they are tried. A call with an approval request and its writes often outgrows the first
    /// once the request is made (a dispute with one write and one approver: about 8.5 KB). (No iterator: orchestrator code must not reach the
    /// thread-checking enumerator an iterator compiles to, <c>OrchestratorDeterminismTests</c>.)
    /// </summary>
    public CallStatusSnapshot ForCustomStatus()
    {
        var bounded = this with
        {
            Context = Bounded(Context),
            Match = Bounded(Match),
            PlannedActions = Bounded(PlannedActions),
            ApprovalReasons = BoundedReasons(ApprovalReasons),
            Review = BoundedReview(Review),
            Approval = Bounded(Approval),
            Actions = Bounded(Actions),
            Summary = Clip(Summary, 600),
            Notifications = BoundedNotifications(Notifications),
            Messages = Bounded(Messages),
            Links = Bounded(Links),
        };
        if (MeasureCustomStatus(bounded) <= CustomStatusLimit)
        {
            return bounded;
        }

        var approvalOnly = ApprovalOnlyView();
        if (MeasureCustomStatus(approvalOnly) <= CustomStatusLimit)
        {
            return approvalOnly;
        }

        var minimal = MinimalView();
        MeasureCustomStatus(minimal);
        return minimal;
    }

    /// <summary>The second view: the call, its stage and workflow, and the approval request without its details.</summary>
    internal CallStatusSnapshot ApprovalOnlyView() => MinimalView() with { Approval = ApprovalOnly(Approval) };

    /// <summary>
    /// The last view: the call, its stage and workflow. The call ID is at most 256 characters (CallIdRules), so it always
    /// fits. Its empty lists and dictionary are the same instances in every such view, so the custom status's kept pieces
    /// for them are kept once.
    /// </summary>
    internal CallStatusSnapshot MinimalView() => Blank with { CallId = CallId, Stage = Stage, Workflow = Workflow };

    private static readonly CallStatusSnapshot Blank = new() { CallId = "", Stage = HandoffStage.Received };

    /// <summary>
    /// Writes <see cref="ForCustomStatus"/>'s JSON from <see cref="CustomStatusPieces"/>, each view's properties serialized once
    /// for as long as their values live (the runtime writes the custom status at the end of every episode).
    /// </summary>
    public void WriteCustomStatus(System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (CustomStatusPieces.TryWrite(this, out var json) || CustomStatusPieces.TryWriteApprovalOnly(this, out json))
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }

        System.Text.Json.JsonSerializer.Serialize(writer, MinimalView(), Json.AppJson.Options);
    }

    internal static CallFacts? Bounded(CallFacts? context) => context is null ? null : context with
    {
        Fields = context.Fields.Take(40).DistinctBy(f => Clip(f.Key, 64)).ToDictionary(f => Clip(f.Key, 64)!, f => f.Value with { Value = Clip(f.Value.Value, 160)!, Source = Clip(f.Value.Source, 64)! }),
    };

    internal static CallerMatch? Bounded(CallerMatch? match) => match is null ? null : match with { Providers = [.. match.Providers.Take(8)] };

    internal static List<PlannedAction> Bounded(IReadOnlyList<PlannedAction> actions) =>
        [.. actions.Take(12).Select(a => a with { Request = a.Request with { Note = null, Message = null, Links = [], CustomerName = Clip(a.Request.CustomerName, 120), Description = Clip(a.Request.Description, 160), Email = Clip(a.Request.Email, 120) } })];

    internal static List<string> BoundedReasons(IReadOnlyList<string> reasons) => Clip(reasons, 8, 200);

    internal static List<string> BoundedReview(IReadOnlyList<string> review) => Clip(review, 8, 240);

    internal static ApprovalStatus? Bounded(ApprovalStatus? approval) => approval is null ? null : approval with
    {
        Request = Bounded(approval.Request),
        Decisions = [.. approval.Decisions.Take(8).Select(d => d with { Comment = Clip(d.Comment, 200), Approver = Clip(d.Approver, 254)!, Channel = Clip(d.Channel, 32) })],
        Decision = approval.Decision is null ? null : approval.Decision with { Comment = Clip(approval.Decision.Comment, 200), Approver = Clip(approval.Decision.Approver, 600)!, Channel = Clip(approval.Decision.Channel, 32) },
        Ignored = Clip(approval.Ignored, 4, 200),
    };

    internal static List<ProviderActionResult> Bounded(IReadOnlyList<ProviderActionResult> actions) =>
        [.. actions.Take(12).Select(a => a with { Request = null, OldValue = Clip(a.OldValue, 160), NewValue = Clip(a.NewValue, 160), Message = Clip(a.Message, 240), RecordId = Clip(a.RecordId, 120), RecordUrl = Clip(a.RecordUrl, 300), SettingToFix = Clip(a.SettingToFix, 120), ProviderHolds = Clip(a.ProviderHolds, 160), Attempts = [.. a.Attempts.TakeLast(3).Select(t => t with { Message = Clip(t.Message, 120) })] })];

    internal static List<string> BoundedNotifications(IReadOnlyList<string> notifications) => Clip(notifications, 8, 120);

    internal static List<MessageDelivery> Bounded(IReadOnlyList<MessageDelivery> messages) => [.. messages.Take(12).Select(m => m with { Problem = Clip(m.Problem, 160) })];

    internal static CallLinks? Bounded(CallLinks? links) => links is null ? null : links with { StatusUrl = Clip(links.StatusUrl, 600)!, TranscriptUrl = Clip(links.TranscriptUrl, 600)!, RecordingLink = Clip(links.RecordingLink, 600), CallStatusUrl = Clip(links.CallStatusUrl, 600) };

    /// <summary>The approval as the second view shows it: bounded, its request without writes, reasons, links, deliveries or texts, no decisions or ignored events.</summary>
    internal static ApprovalStatus? ApprovalOnly(ApprovalStatus? approval) => Bounded(approval) is not { } bounded ? null : bounded with
    {
        Request = bounded.Request with { Writes = [], Reasons = [], Links = [], Deliveries = null, Customer = null, Requester = "", CallerRequest = null, AgentPromise = null, MatchBasis = null },
        Decisions = [],
        Ignored = [],
    };

    private static ApprovalRequest Bounded(ApprovalRequest request) => request with
    {
        Writes = [.. request.Writes.Take(12).Select(w => w with
        {
            Operation = Clip(w.Operation, 120)!,
            Url = Clip(w.Url, 200),
            Note = Clip(w.Note, 200),
            Record = Clip(w.Record, 160),
            Fields = [.. w.Fields.Take(16).Select(f => f with { Path = Clip(f.Path, 60)!, Label = Clip(f.Label, 60)!, Current = Clip(f.Current, 120)!, New = Clip(f.New, 120)!, Sent = Clip(f.Sent, 120)! })],
        })],
        Reasons = Clip(request.Reasons, 8, 200),
        Customer = Clip(request.Customer, 160),
        Currency = Clip(request.Currency, 12),
        MatchBasis = Clip(request.MatchBasis, 200),
        CallerRequest = Clip(request.CallerRequest, 200),
        AgentPromise = Clip(request.AgentPromise, 200),
        Requester = Clip(request.Requester, 200)!,
        Approvers = [.. request.Approvers.Take(16).Select(a => a with { Name = Clip(a.Name, 120)!, Approver = Clip(a.Approver, 254)!, Url = Clip(a.Url, 1000)! })],
        Deliveries = request.Deliveries is null ? null : [.. request.Deliveries.Take(16).Select(d => d with { Problem = Clip(d.Problem, 200) })],
        Links = Clip(request.Links, 5, 600),
    };

    /// <summary>The most the custom status holds, in characters of JSON (Azure Storage keeps at most 16 KB).</summary>
    public const int CustomStatusLimit = 8 * 1024;

    /// <summary>One measuring buffer per thread, so measuring allocates nothing.</summary>
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_measure;

    /// <summary>
    /// The view's JSON length in UTF-8 bytes (never fewer than its characters, so a view that fits here fits the limit),
    /// serialized into this thread's reused buffer.
    /// </summary>
    private static int MeasureCustomStatus(CallStatusSnapshot candidate)
    {
        var buffer = t_measure ??= new System.Buffers.ArrayBufferWriter<byte>(CustomStatusLimit * 2);
        buffer.ResetWrittenCount();
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        System.Text.Json.JsonSerializer.Serialize(writer, candidate, Json.AppJson.Options);
        writer.Flush();
        return buffer.WrittenCount;
    }

    internal static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var keep = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return string.Concat(text.AsSpan(0, keep), "\u2026");
    }

    private static List<string> Clip(IReadOnlyList<string> texts, int count, int max) => [.. texts.Take(count).Select(t => Clip(t, max)!)];
}
