using System.Text.Json;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Reads a delivery's encrypted raw body, redacts it, keeps the redacted call (and, apart, the pre-signed recording
/// URL), then deletes the raw body. Safe to run again: once the raw body is gone, the kept redacted call is returned.
/// </summary>
internal sealed class RedactCallActivity(CallInbox inbox, ICallRedactor redactor, CallRecordingStore recordings, DurableTaskClient client) : TaskActivity<RedactCallInput, RedactedCall>
{
    public override async Task<RedactedCall> RunAsync(TaskActivityContext context, RedactCallInput input)
    {
        var redactedKey = "redacted:" + input.InboxKey;
        var raw = await inbox.ReadAsync(input.InboxKey, context.CancellationToken);
        if (raw is null)
        {
            var kept = await client.GetPayloadAsync(redactedKey, context.CancellationToken)
                ?? throw new InvalidOperationException($"The delivery {input.InboxKey} of call {input.CallId} is neither in the inbox nor redacted; it was purged.");
            return JsonSerializer.Deserialize<RedactedCall>(kept.Span, DurableJson.Options)!;
        }

        var call = DialNexaCallReader.Read(raw);
        var redacted = redactor.Redact(call);
        if (call.RecordingUrl is { } recording)
        {
            await recordings.SaveAsync(input.CallId, recording, context.CancellationToken);
        }

        await client.PutPayloadAsync(new StoredPayload(redactedKey, JsonSerializer.SerializeToUtf8Bytes(redacted, DurableJson.Options)), context.CancellationToken);
        await inbox.DeleteAsync(input.InboxKey, context.CancellationToken);
        return redacted;
    }
}
