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
    private static readonly TimeSpan ErasedHandoffEndWait = TimeSpan.FromSeconds(30);

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
        switch (accepted.StartedAlongside)
        {
            case true when !accepted.IsFirst:
                // Another delivery opened the ledger while this one's start ran. Where two starts of one ID can both
                // return (DurableTask.AzureStorage checks the status, then writes), either may have made the handoff:
                // both deliveries are told to it, and it reads each once.
                var ledgerFirst = (await inbox.ReadLedgerAsync(callId, cancellationToken))!.Deliveries[0];
                await client.RaiseEventAsync(callId, CallHandoffOrchestrator.DialNexaEventName, ledgerFirst, cancellationToken);
                await client.RaiseEventAsync(callId, CallHandoffOrchestrator.DialNexaEventName, accepted.Delivery, cancellationToken);
                return "started";
            case true:
                return "started";
            case null when accepted is { IsFirst: true, IsRepeat: false } && await TryStartAsync(client, callId, accepted.Delivery, baseUrl, "a delivery", cancellationToken):
                // This delivery opened the call's inbox, so its handoff has not started unless an older one of the same
                // ID is kept (the start refuses every status, so nothing is replaced): start it without reading first.
                return "started";
        }

        // A start beside the inbox write that was refused (rare: a concurrent delivery's start got there first) reads
        // the handoff's input, to tell whether it holds this delivery.
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: accepted.StartedAlongside == false, cancellationToken);
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

        // The ledger's first delivery is the handoff's input, unless a concurrent delivery's start got there first.
        if (accepted.IsFirst && (accepted.StartedAlongside is null || instance?.ReadInputAs<CallHandoffInput>()?.FirstDelivery.Hash == accepted.Delivery.Hash))
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

    /// <summary>Starts the call's handoff with <paramref name="first"/> as its first delivery; false when an instance of the call ID is kept.</summary>
    public Task<bool> StartAsync(string callId, InboxDelivery first, CancellationToken cancellationToken) =>
        TryStartAsync(clients.Client, callId, first, links.Value, "a delivery", cancellationToken);

    /// <summary>
    /// Ends and purges a handoff started beside a delivery of a call that was erased meanwhile, so nothing of the call
    /// runs and its remains can go (what the handoff's first steps kept goes with them).
    /// </summary>
    public async Task EndErasedAsync(string callId, CancellationToken cancellationToken)
    {
        var client = clients.Client;
        await client.TerminateInstanceAsync(callId, "The call was erased while this delivery was stored.", cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ErasedHandoffEndWait);
        await client.WaitForInstanceCompletionAsync(callId, getInputsAndOutputs: false, bounded.Token);
        await client.PurgeInstanceAsync(callId, cancellation: cancellationToken);
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
