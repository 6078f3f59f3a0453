using DialNexa.Functions.AppData;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Webhooks;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Reads a delivery's encrypted raw body, redacts it, keeps the redacted call (and, apart, the pre-signed recording
/// URL), then deletes the raw body. Safe to run again: once the raw body is gone, the kept redacted call is returned.
/// </summary>
internal sealed class RedactCallActivity(CallInbox inbox, ICallRedactor redactor, CallRecordingStore recordings, IAppDataStore store) : TaskActivity<RedactCallInput, RedactedCall>
{
    public override async Task<RedactedCall> RunAsync(TaskActivityContext context, RedactCallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var redactedKey = KeyOf(input.CallId, input.DeliveryHash);
        var raw = await inbox.ReadBodyAsync(input.CallId, input.DeliveryHash, CancellationToken.None);
        if (raw is null)
        {
            return await store.GetJsonAsync<RedactedCall>(redactedKey, CancellationToken.None)
                ?? throw new InvalidOperationException($"Delivery {input.DeliveryHash} of call {input.CallId} is neither in the inbox nor redacted; it was erased.");
        }

        var call = DialNexaCallReader.Read(raw);
        var redacted = redactor.Redact(call);
        if (call.RecordingUrl is { } recording)
        {
            await recordings.SaveAsync(input.CallId, recording, CancellationToken.None);
        }

        await store.PutJsonAsync(redactedKey, redacted, CancellationToken.None);
        await inbox.DeleteBodyAsync(input.CallId, input.DeliveryHash, CancellationToken.None);
        return redacted;
    }

    /// <summary>Where a delivery's redacted form is kept (the transcript page reads it).</summary>
    public static AppDataKey KeyOf(string callId, string deliveryHash) => AppDataKey.ForCall(AppDataKinds.RedactedDelivery, callId, deliveryHash);
}
