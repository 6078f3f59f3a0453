using DialNexa.Functions.Calls;
using DialNexa.Functions.Inbox;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Hands a stored delivery to whoever reads it: the call's handoff (started by the first delivery, told of later ones
/// by the <c>DialNexaEvent</c> event), or, once the handoff no longer reads, a late-delivery review. Used by the webhook
/// after the inbox has the delivery, and by the inbox reconciler for calls whose handoff never started or ended
/// without closing its inbox. Every step is safe to repeat.
/// </summary>
internal sealed partial class HandoffDeliveries(
    IDurableClientSource clients,
    CallInbox inbox,
    LateDeliveries lateDeliveries,
    FailedHandoffs failedHandoffs,
    PublicBaseUrl links,
    IOptions<HandoffOptions> options,
    ILogger<HandoffDeliveries> logger)
{
    private static readonly IReadOnlyList<string> AnyStatus = [.. Enum.GetNames<OrchestrationRuntimeStatus>()];

    /// <summary>Routes one accepted delivery; returns what happened ("started", "raised", "late", "repeat").</summary>
    public async Task<string> DeliverAsync(string callId, InboxAcceptance accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var baseUrl = links.Value;
        if (accepted.IsLate)
        {
            return await lateDeliveries.StartAsync(callId, accepted.Delivery, baseUrl, cancellationToken) && !accepted.IsRepeat ? "late" : "repeat";
        }

        var client = clients.Client;

        // This delivery opened the call's inbox, so its handoff has not started unless an older one of the same ID is
        // kept (the start refuses every status, so nothing is replaced): start it without reading the instance first.
        if (accepted is { IsFirst: true, IsRepeat: false } && await TryStartAsync(client, callId, accepted.Delivery, baseUrl, "a delivery", cancellationToken))
        {
            return "started";
        }

        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            var first = accepted.IsFirst ? accepted.Delivery : (await inbox.ReadLedgerAsync(callId, cancellationToken))!.Deliveries[0];
            if (await TryStartAsync(client, callId, first, baseUrl, "a delivery", cancellationToken) && accepted.IsFirst)
            {
                return accepted.IsRepeat ? "repeat" : "started";
            }
        }
        else if (instance.IsCompleted)
        {
            // The handoff ended without closing its inbox (terminated, or failed): close it on its behalf.
            await CloseForEndedHandoffAsync(instance, baseUrl, cancellationToken);
            return accepted.IsRepeat ? "repeat" : "late";
        }

        if (accepted.IsFirst)
        {
            return "repeat";
        }

        // Repeats are told again: the handoff reads each delivery once, and a repeat may follow a lost event.
        await client.RaiseEventAsync(callId, CallHandoffOrchestrator.DialNexaEventName, accepted.Delivery, cancellationToken);
        return accepted.IsRepeat ? "repeat" : "raised";
    }

    /// <summary>
    /// For a call whose inbox is still open: starts its handoff when it never started (the start failed after the
    /// delivery was stored, and DialNexa did not retry), or closes the inbox of a handoff that ended without doing so.
    /// </summary>
    public async Task<string?> ReconcileAsync(string callId, TimeSpan startGrace, CancellationToken cancellationToken)
    {
        var ledger = await inbox.ReadLedgerAsync(callId, cancellationToken);
        if (ledger is null || ledger.IsClosed)
        {
            await inbox.CloseAsync(callId, cancellationToken);
            return null;
        }

        var client = clients.Client;
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            if (DateTimeOffset.UtcNow - ledger.OpenedAt < startGrace)
            {
                return null;
            }

            await TryStartAsync(client, callId, ledger.Deliveries[0], links.Value, "the inbox reconciler", cancellationToken);
            foreach (var later in ledger.Deliveries.Skip(1))
            {
                await client.RaiseEventAsync(callId, CallHandoffOrchestrator.DialNexaEventName, later, cancellationToken);
            }

            return "started";
        }

        if (instance.IsCompleted)
        {
            await CloseForEndedHandoffAsync(instance, links.Value, cancellationToken);
            return instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? "failed handoff put in review, inbox closed" : "closed";
        }

        return null;
    }

    private async Task<bool> TryStartAsync(DurableTaskClient client, string callId, InboxDelivery first, string baseUrl, string startedBy, CancellationToken cancellationToken)
    {
        StartingHandoff(logger, callId, startedBy);
        var handoff = options.Value;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(CallHandoffOrchestrator),
                new CallHandoffInput(callId, first, baseUrl, handoff.DetailsWait, handoff.ApprovalTimeout, handoff.Retries(), CallHandoffInput.CurrentRevision),
                new StartOrchestrationOptions(callId) { DedupeStatuses = AnyStatus },
                cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A concurrent delivery of the same call started it.
            return false;
        }
    }

    [LoggerMessage(2030, LogLevel.Information, "Starting the handoff of call {CallId} for {StartedBy}.")]
    private static partial void StartingHandoff(ILogger logger, string callId, string startedBy);

    /// <summary>A failed handoff goes to review first (so the alert names it), then its unread deliveries go to late review.</summary>
    private async Task CloseForEndedHandoffAsync(OrchestrationMetadata instance, string baseUrl, CancellationToken cancellationToken)
    {
        await failedHandoffs.ReportAsync(instance, baseUrl, cancellationToken);
        foreach (var unread in await inbox.CloseAsync(instance.InstanceId, cancellationToken))
        {
            await lateDeliveries.StartAsync(instance.InstanceId, unread, baseUrl, cancellationToken);
        }
    }
}
