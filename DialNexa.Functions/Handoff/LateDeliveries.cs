using DialNexa.Functions.Calls;
using DialNexa.Functions.Inbox;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Starts the review of a delivery its call's handoff will never read, once per delivery: from the webhook (the handoff
/// had ended, or ended without closing its inbox), from the handoff's last step (a delivery raced its end), and from the
/// inbox reconciler (a handoff that was terminated or failed).
/// </summary>
internal sealed partial class LateDeliveries(IDurableClientSource clients, IOptions<HandoffOptions> options, ILogger<LateDeliveries> logger)
{
    private static readonly IReadOnlyList<string> AnyStatus =
        [.. Enum.GetNames<OrchestrationRuntimeStatus>()];

    /// <summary>The instance ID for one late delivery: readable from the call ID when it fits, and the same for a repeat of it.</summary>
    public static string InstanceIdFor(string callId, string deliveryHash)
    {
        var readable = $"{callId}:late:{deliveryHash}";
        return readable.Length <= CallIdRules.MaxLength ? readable : $"late:{deliveryHash}";
    }

    /// <summary>False when this delivery's review already exists (a repeat).</summary>
    public async Task<bool> StartAsync(string callId, InboxDelivery delivery, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await clients.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(LateDeliveryOrchestrator),
                new LateDeliveryInput(callId, delivery, baseUrl, options.Value.MessageRetry),
                new StartOrchestrationOptions(InstanceIdFor(callId, delivery.Hash)) { DedupeStatuses = AnyStatus },
                cancellationToken);
            Started(logger, delivery.EventName, callId);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    [LoggerMessage(2005, LogLevel.Warning, "DialNexa {EventName} for call {CallId} was not read by its handoff; it goes to review as a late delivery.")]
    private static partial void Started(ILogger logger, string eventName, string callId);
}
