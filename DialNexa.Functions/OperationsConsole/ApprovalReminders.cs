using System.Globalization;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Json;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// Sends an approval's reminder again, from the console: the same Slack post the handoff sends at half time (through the
/// Slack client, so dry run stays dry run), and a mail to each approver with their own link when mail is set up. Only
/// for a call that still waits for finance; each reminder is kept (<see cref="AppDataKinds.ApprovalReminder"/>, erased
/// with the call) and shows on the call's timeline and the approvals page.
/// </summary>
internal sealed class ApprovalReminders(IDurableClientSource clients, ApprovalStore approvals, ApprovalMailer mailer, ISlackPoster slack, IAppDataStore store, TimeProvider time)
{
    public const string MailHeading = "Reminder: still waiting for approval";

    /// <summary>The reminder sent, or why none was (the call does not wait for approval).</summary>
    public async Task<(ConsoleReminder? Sent, string? Refusal)> SendAsync(string callId, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return (null, $"There is no call '{callId}'.");
        }

        var status = AppJson.Deserialize<CallStatusSnapshot>(CallStatusEndpoints.SnapshotJsonOf(instance));
        if (instance.IsCompleted || status is not { Stage: HandoffStage.AwaitingApproval, Approval.Request.RequestId: { } requestId })
        {
            return (null, $"Call '{callId}' no longer waits for approval; nothing was sent.");
        }

        var request = await approvals.GetRequestAsync(callId, requestId, cancellationToken);
        if (request is null || request.ExpiresAt <= time.GetUtcNow())
        {
            return (null, $"The approval request of call '{callId}' has expired or is gone; nothing was sent.");
        }

        var now = time.GetUtcNow();
        var stamp = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var deliveries = mailer.IsConfigured ? await mailer.SendAsync(request, "console-reminder-" + stamp, MailHeading, cancellationToken) : null;
        var post = RequestApprovalActivity.SlackPost(request, "*" + MailHeading + "*", status.Links?.AsSlackLinks() ?? [], deliveries);
        var posted = await slack.PostAsync(post with { MessageKey = "console-reminder:" + stamp }, cancellationToken);
        var sent = new ConsoleReminder(now, ConsoleWords.Outcome(posted.Outcome), deliveries?.Count(d => d.Sent) ?? 0, deliveries?.Count(d => !d.Sent) ?? 0);
        await store.PutJsonAsync(AppDataKey.ForCall(AppDataKinds.ApprovalReminder, callId, stamp), sent, cancellationToken);
        return (sent, null);
    }

    /// <summary>Every reminder sent again for a call, oldest first.</summary>
    public async Task<IReadOnlyList<ConsoleReminder>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var sent = new List<ConsoleReminder>();
        await foreach (var item in store.ListAllAsync(AppDataKinds.ApprovalReminder, callId, cancellationToken))
        {
            if (AppJson.Deserialize<ConsoleReminder>(item.Value.Span) is { } reminder)
            {
                sent.Add(reminder);
            }
        }

        return [.. sent.OrderBy(r => r.SentAt)];
    }
}
