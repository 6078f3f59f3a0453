using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Webhooks;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Reads a delivery's encrypted raw body, redacts it, keeps the redacted call (and, apart, the pre-signed recording
/// URL), then deletes the raw body. Safe to run again: once the raw body is gone, the kept redacted call is returned.
/// A body that cannot be read or redacted (the webhook refuses those, so this is a bug or a body stored before it did)
/// never fails the handoff: its raw form is deleted as any other, and the call carries the problem to the review queue.
/// The handoff gets the call without its turns (<see cref="RedactedCall.WithoutTurns"/>); extraction reads them back.
/// The webhook starts the handoff while the first body's commit runs, so this may run before that commit ends: the read
/// waits for it in the webhook's process; on another host the body is then in neither place, and the activity fails to
/// be retried (the retry policy waits a second first).
/// </summary>
internal sealed partial class RedactCallActivity(CallInbox inbox, ICallRedactor redactor, CallRecordingStore recordings, IAppDataStore store, ILogger<RedactCallActivity> logger, ICallListing calls)
    : TaskActivity<RedactCallInput, RedactedCall>
{
    public override async Task<RedactedCall> RunAsync(TaskActivityContext context, RedactCallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var redactedKey = KeyOf(input.CallId, input.DeliveryHash);
        var raw = await inbox.ReadBodyAsync(input.CallId, input.DeliveryHash, CancellationToken.None);
        if (raw is null)
        {
            var kept = await store.GetJsonAsync<RedactedCall>(redactedKey, CancellationToken.None);
            return kept?.WithoutTurns() ?? throw new InvalidOperationException($"Delivery {input.DeliveryHash} of call {input.CallId} is neither in the inbox nor redacted: its commit has not ended yet (read again on retry), or it was erased.");
        }

        RedactedCall redacted;
        string? recording = null;
        try
        {
            var call = DialNexaCallReader.Read(raw);
            redacted = redactor.Redact(call);
            recording = call.RecordingUrl;
        }
#pragma warning disable CA1031 // Reading and redacting touch no store: whatever they throw is about this body, and goes to review.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Unreadable(logger, input.CallId, input.DeliveryHash, ex.GetType().Name);
            redacted = new RedactedCall
            {
                CallId = input.CallId,
                Problems = [$"Delivery {input.DeliveryHash} could not be redacted ({ex.GetType().Name}); its raw body was deleted unread, so nothing unredacted is kept. DialNexa's dashboard still has call {input.CallId}."],
            };
        }

        if (recording is not null)
        {
            await recordings.SaveAsync(input.CallId, recording, CancellationToken.None);
        }

        await store.PutJsonAsync(redactedKey, redacted, CancellationToken.None);
        await inbox.DeleteBodyAsync(input.CallId, input.DeliveryHash, CancellationToken.None);
        await calls.ReceivedAsync(context.InstanceId, redacted, CancellationToken.None); // the console's call list
        return redacted.WithoutTurns();
    }

    [LoggerMessage(2020, LogLevel.Error, "Delivery {DeliveryHash} of call {CallId} could not be redacted ({Error}); the call goes to review.")]
    private static partial void Unreadable(ILogger logger, string callId, string deliveryHash, string error);

    /// <summary>Where a delivery's redacted form is kept (the transcript page reads it).</summary>
    public static AppDataKey KeyOf(string callId, string deliveryHash) => AppDataKey.ForCall(AppDataKinds.RedactedDelivery, callId, deliveryHash);
}
