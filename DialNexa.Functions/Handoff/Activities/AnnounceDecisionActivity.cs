using System.Globalization;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Providers;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Tells the approval channel how the request was settled (who, what, when, through which channel), since an
/// incoming-webhook message cannot be edited after a decision made on the page.
/// </summary>
internal sealed class AnnounceDecisionActivity(ProviderDirectory providers) : TaskActivity<CallStatusSnapshot, ProviderActionResult>
{
    public override async Task<ProviderActionResult> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        var decision = input.Approval!.Decision!;
        var verb = decision.Approved ? "approved" : "rejected";
        var next = decision.Approved ? "the writes go ahead" : "nothing will be written";
        return await providers.ExecuteAsync(new ProviderActionRequest
        {
            CallId = input.CallId,
            Kind = ProviderActionKind.SlackAlert,
            Message = string.Create(CultureInfo.InvariantCulture, $"Call {SlackText.Escape(input.CallId)}: {verb} by {SlackText.Escape(decision.Approver)} via {SlackText.Escape(decision.Channel ?? "api")} at {decision.DecidedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; {next}."),
            Links = input.Links?.AsProviderLinks() ?? [],
        }, CancellationToken.None);
    }
}
