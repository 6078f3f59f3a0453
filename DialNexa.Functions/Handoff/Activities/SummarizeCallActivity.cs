using System.Globalization;
using System.Text;
using DialNexa.Functions.Calls;
using Microsoft.DurableTask;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>The short operational summary of the handoff for the audit trail: what was asked, decided and done, with links.</summary>
internal sealed class SummarizeCallActivity(ICallListing calls) : TaskActivity<CallStatusSnapshot, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, CallStatusSnapshot input)
    {
        await calls.RecordAsync(context.InstanceId, input, CancellationToken.None); // the console's call list
        return Compose(input);
    }

    /// <summary>The summary itself: a pure function of the status, so revision 2 of the handoff composes it in the orchestration.</summary>
    internal static string Compose(CallStatusSnapshot input)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Call {input.CallId}: {input.Workflow ?? HandoffWorkflow.Other}");
        if (input.Context?.Text(FactNames.CustomerName) is { } name)
        {
            text.Append(CultureInfo.InvariantCulture, $" for {name}");
        }

        if (input.Match is { } match)
        {
            text.Append(CultureInfo.InvariantCulture, $"; caller match {Approvals.ApprovalText.Percent(match.Confidence)}");
        }

        if (input.Review.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; review: {string.Join(" ", input.Review)}");
        }

        if (input.Approval is { } approval)
        {
            text.Append(approval.Decision is { } decision
                ? string.Create(CultureInfo.InvariantCulture, $"; {(decision.Approved ? "approved" : "rejected")} by {decision.Approver} at {decision.DecidedAt:u}")
                : approval.TimedOut ? "; approval timed out" : "; awaiting approval");
        }

        foreach (var action in input.Actions)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {ProviderActionWords.Of(action.Kind)}: {Outcome(action.Outcome)}");
            if (action.RecordUrl is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({action.RecordUrl})");
            }
        }

        if (input.Suppression.Any)
        {
            text.Append("; sensitive details were removed from every record");
        }

        if (input.Links is { } links)
        {
            // A review reason ends its own sentence; the link starts the next one.
            text.Append(text[^1] == '.' ? " " : ". ").Append(CultureInfo.InvariantCulture, $"Status: {links.StatusUrl}");
        }

        return text.ToString();
    }

    private static string Outcome(ProviderActionOutcome outcome) => outcome switch
    {
        ProviderActionOutcome.Written => "done",
        ProviderActionOutcome.AlreadyDone => "already done, nothing sent again",
        ProviderActionOutcome.Found => "found",
        ProviderActionOutcome.DryRun => "dry run, recorded and not sent",
        ProviderActionOutcome.NotFound => "not found",
        ProviderActionOutcome.Conflict => "changed meanwhile (conflict)",
        ProviderActionOutcome.Invalid => "refused as invalid",
        ProviderActionOutcome.NotConfigured => "not configured",
        _ => "failed for now (transient)",
    };
}
