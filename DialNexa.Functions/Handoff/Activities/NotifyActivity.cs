using DialNexa.Functions.Notifications;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>Slack alerts for what finance must see now: VIP payment blockers, duplicate charges, chargebacks, urgent renewal failures.</summary>
internal sealed class NotifyActivity(ProviderDirectory providers) : TaskActivity<CallStatusSnapshot, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        var sent = new List<string>();
        foreach (var alert in AlertsFor(input))
        {
            var result = await providers.ExecuteAsync(new ProviderActionRequest
            {
                CallId = input.CallId,
                Kind = ProviderActionKind.SlackAlert,
                Message = $"{alert}: call {SlackText.Escape(input.CallId)}. {SlackText.Escape(input.Summary)}",
                Links = input.Links?.AsProviderLinks() ?? [],
            }, CancellationToken.None);
            sent.Add($"Slack {alert}: {result.Outcome}");
        }

        return sent;
    }

    internal static IEnumerable<string> AlertsFor(CallStatusSnapshot status)
    {
        var reason = string.Join(' ', status.Context?.Text(FactNames.DisputeReason), status.Context?.Text(FactNames.RefundReason), status.Summary).ToUpperInvariant();
        if (status.Workflow == HandoffWorkflow.VipPaymentBlocker)
        {
            yield return "VIP payment blocker";
        }

        if (reason.Contains("DUPLICATE", StringComparison.Ordinal) || reason.Contains("TWICE", StringComparison.Ordinal))
        {
            yield return "Duplicate charge";
        }

        if (reason.Contains("CHARGEBACK", StringComparison.Ordinal))
        {
            yield return "Chargeback";
        }

        if (status.Workflow == HandoffWorkflow.RenewalFailure && status.Context?.Text(FactNames.FollowUpDeadline) is not null)
        {
            yield return "Urgent renewal failure";
        }
    }
}
