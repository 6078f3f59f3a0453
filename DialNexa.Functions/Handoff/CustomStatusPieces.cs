using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Json;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// A running handoff's custom status written property by property, each property's bounded JSON kept for as long as its
/// source value lives. A stage change copies the status with its other properties unchanged (the same objects), so the
/// facts, match, plan and approval request are bounded and serialized once, not at every episode (the custom status is
/// serialized at the end of each one; whole, it was about 4% of a busy host's CPU). The bytes are those of serializing
/// <see cref="CallStatusSnapshot.ForCustomStatus"/>'s first view, or of its second when the first is over the limit
/// (<c>CustomStatusPiecesTests</c>); when both are, the caller writes the last. The handoff replaces its records and lists, never
/// changes one in place, which is what makes a value's identity a safe key; each property has its own table, so an
/// empty list shared by two properties is never read through the other's bounds.
/// </summary>
internal static class CustomStatusPieces
{
    private static readonly ConditionalWeakTable<object, byte[]> ContextsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> MatchesPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> PlansPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> ApprovalReasonsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> ReviewsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> ApprovalsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> ApprovalOnlyPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> ActionsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> SuppressionsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> RedactionsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> NotificationsPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> MessagesPieces = new();
    private static readonly ConditionalWeakTable<object, byte[]> LinksPieces = new();

    /// <summary>One buffer and writer per thread: written at every episode, so nothing is allocated for them.</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_output;

    /// <summary>
    /// The view's JSON, valid until this thread's next call; false when it is over <see cref="CallStatusSnapshot.CustomStatusLimit"/>
    /// (the caller then tries the smaller views).
    /// </summary>
    public static bool TryWrite(CallStatusSnapshot status, out ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(status);
        return TryWrite(status, ApprovalsPieces, static v => Json(CallStatusSnapshot.Bounded((ApprovalStatus)v)), out json);
    }

    /// <summary>
    /// The second view's JSON (<see cref="CallStatusSnapshot.ApprovalOnlyView"/>), valid until this thread's next call; false
    /// when even that is over the limit. Tried whenever the first view is over it, as it often is once a call's approval
    /// request is made.
    /// </summary>
    public static bool TryWriteApprovalOnly(CallStatusSnapshot status, out ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(status);
        var view = status.MinimalView() with { Approval = status.Approval };
        return TryWrite(view, ApprovalOnlyPieces, static v => Json(CallStatusSnapshot.ApprovalOnly((ApprovalStatus)v)), out json);
    }

    private static bool TryWrite(CallStatusSnapshot status, ConditionalWeakTable<object, byte[]> approvalPieces, ConditionalWeakTable<object, byte[]>.CreateValueCallback approvalBound, out ReadOnlySpan<byte> json)
    {
        var (buffer, writer) = t_output ??= NewOutput();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        Scalar(writer, "callId", status.CallId);
        Scalar(writer, "stage", status.Stage);
        Scalar(writer, "workflow", status.Workflow);
        Piece(writer, "context", ContextsPieces, status.Context, static v => Json(CallStatusSnapshot.Bounded((CallFacts)v)));
        Piece(writer, "match", MatchesPieces, status.Match, static v => Json(CallStatusSnapshot.Bounded((CallerMatch)v)));
        Piece(writer, "plannedActions", PlansPieces, status.PlannedActions, static v => Json(CallStatusSnapshot.Bounded((IReadOnlyList<PlannedAction>)v)));
        Piece(writer, "approvalReasons", ApprovalReasonsPieces, status.ApprovalReasons, static v => Json(CallStatusSnapshot.BoundedReasons((IReadOnlyList<string>)v)));
        Piece(writer, "review", ReviewsPieces, status.Review, static v => Json(CallStatusSnapshot.BoundedReview((IReadOnlyList<string>)v)));
        Piece(writer, "approval", approvalPieces, status.Approval, approvalBound);
        Piece(writer, "actions", ActionsPieces, status.Actions, static v => Json(CallStatusSnapshot.Bounded((IReadOnlyList<ProviderActionResult>)v)));
        Piece(writer, "suppression", SuppressionsPieces, status.Suppression, static v => Json((SuppressionSummary)v));
        Piece(writer, "redactions", RedactionsPieces, status.Redactions, static v => Json((IReadOnlyDictionary<string, int>)v));
        Piece(writer, "links", LinksPieces, status.Links, static v => Json(CallStatusSnapshot.Bounded((CallLinks)v)));
        Scalar(writer, "summary", CallStatusSnapshot.Clip(status.Summary, 600));
        Piece(writer, "notifications", NotificationsPieces, status.Notifications, static v => Json(CallStatusSnapshot.BoundedNotifications((IReadOnlyList<string>)v)));
        Piece(writer, "messages", MessagesPieces, status.Messages, static v => Json(CallStatusSnapshot.Bounded((IReadOnlyList<MessageDelivery>)v)));
        writer.WriteEndObject();
        writer.Flush();
        json = buffer.WrittenSpan;
        return buffer.WrittenCount <= CallStatusSnapshot.CustomStatusLimit;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewOutput()
    {
        var buffer = new ArrayBufferWriter<byte>(CallStatusSnapshot.CustomStatusLimit * 2);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AppJson.Options.Encoder, SkipValidation = true }));
    }

    private static void Scalar<T>(Utf8JsonWriter writer, string name, T value)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, AppJson.Options);
    }

    private static void Piece(Utf8JsonWriter writer, string name, ConditionalWeakTable<object, byte[]> pieces, object? value, ConditionalWeakTable<object, byte[]>.CreateValueCallback bound)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(pieces.GetValue(value, bound), skipInputValidation: true);
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, AppJson.Options);
}
