using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Starts the review of a delivery its call's handoff will never handle, once per delivery. Two ways in: the webhook,
/// when the handoff had already ended (the body goes with the start); and the engine, when the handoff ended with a
/// delivery it had accepted but not handled (raised while it finished, or while it was suspended and then terminated).
/// </summary>
internal sealed partial class LateDeliveries(DurableTaskClient client, ILogger<LateDeliveries> logger) : IUnhandledEventHandler
{
    /// <summary>False when this delivery's review already exists (a repeat).</summary>
    public async Task<bool> StartAsync(string callId, CallEventNotice delivery, string baseUrl, IReadOnlyList<StoredPayload>? payloads, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(LateDeliveryOrchestrator),
                new LateDeliveryInput(callId, delivery, baseUrl),
                new StartOrchestrationOptions { InstanceId = LateDeliveryOrchestrator.InstanceIdFor(callId, delivery.InboxKey), DedupeStatuses = DedupePolicy.AllStates, Payloads = payloads ?? [] },
                cancellationToken);
            Started(logger, delivery.EventName, callId);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task HandleAsync(UnhandledEvent unhandled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unhandled);
        if (unhandled.OrchestrationName != nameof(CallHandoffOrchestrator) || unhandled.EventName != CallHandoffOrchestrator.DialNexaEventName
            || DurableJson.Deserialize<CallEventNotice>(unhandled.SerializedInput) is not { } delivery)
        {
            return;
        }

        var call = await client.GetInstanceAsync(unhandled.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var baseUrl = call?.ReadInputAs<CallHandoffInput>()?.BaseUrl ?? "";
        await StartAsync(unhandled.InstanceId, delivery, baseUrl, payloads: null, cancellationToken);
    }

    [LoggerMessage(2005, LogLevel.Warning, "DialNexa {EventName} for call {CallId} came after the handoff finished; it goes to review as a late delivery.")]
    private static partial void Started(ILogger logger, string eventName, string callId);
}
