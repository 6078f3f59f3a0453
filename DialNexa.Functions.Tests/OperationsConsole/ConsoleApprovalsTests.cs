using System.Net;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.OperationsConsole;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using static DialNexa.Functions.Tests.OperationsConsole.ConsoleTestApp;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>Approvals waiting: who was asked, since when, until when; a reminder sent again goes out and is kept.</summary>
public sealed class ConsoleApprovalsTests
{
    [Fact]
    public async Task RemindAgain_ForACallWaitingForFinance_PostsTheReminder_AndTheTimelineAndListShowIt()
    {
        var (app, _, slack) = await StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);
            using var browser = await SignedInAsync(app);
            var waiting = await PageAsync(await browser.GetAsync("/console/approvals"));
            var row = waiting.QuerySelector("tbody tr")!.TextContent;
            Assert.Contains(HandoffTestApp.DisputeCall, row, StringComparison.Ordinal);
            Assert.Contains("f***@example.com", row, StringComparison.Ordinal);
            Assert.Contains("Not yet", row, StringComparison.Ordinal);
            Assert.Contains("in 23 h", row, StringComparison.Ordinal);

            static bool IsReminder(SlackMessage r) => r.Text.Contains("Reminder: still waiting for approval", StringComparison.Ordinal);
            Assert.DoesNotContain(slack.Received, IsReminder);
            var reminded = await browser.PostAsync($"/console/approvals/{HandoffTestApp.DisputeCall}/remind", new FormUrlEncodedContent([new(ConsoleSessions.TokenField, TokenOf(waiting))]));
            Assert.Equal(HttpStatusCode.SeeOther, reminded.StatusCode);
            var reminder = Assert.Single(slack.Received, IsReminder);
            Assert.Equal(HandoffTestApp.DisputeCall, reminder.CallId);

            var after = await browser.GetStringAsync(reminded.Headers.Location!.OriginalString);
            Assert.Contains($"Reminder sent again for call {HandoffTestApp.DisputeCall}.", after, StringComparison.Ordinal);
            Assert.Contains("Reminded", after, StringComparison.Ordinal);
            var call = await browser.GetStringAsync($"/console/calls/{HandoffTestApp.DisputeCall}");
            Assert.Contains("Reminder sent again from the console", call, StringComparison.Ordinal);
            Assert.Contains("Approval requested from", call, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RemindAgain_ForACallNotWaiting_SendsNothing_AndSaysSo()
    {
        var (app, _, slack) = await StartAsync(knownEmail: "someone.else@example.com");
        await using (app)
        {
            Assert.Equal("InReview", (await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http)).GetProperty("stage").GetString());
            using var browser = await SignedInAsync(app);
            var page = await PageAsync(await browser.GetAsync("/console/approvals"));
            Assert.Contains("No call waits for a finance decision.", page.Body!.TextContent, StringComparison.Ordinal);
            var before = slack.Received.Count;
            var refused = await browser.PostAsync($"/console/approvals/{HandoffTestApp.DisputeCall}/remind", new FormUrlEncodedContent([new(ConsoleSessions.TokenField, TokenOf(page))]));
            Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
            Assert.Equal(before, slack.Received.Count);
            Assert.Contains("No reminder was sent", await browser.GetStringAsync(refused.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Trends_CountCallsPerDayByOutcome_AndTheMedianTimeToDecide()
    {
        var now = new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);
        ListedCall Row(string id, int daysAgo, Functions.Handoff.HandoffStage stage, int? decidedAfterMinutes = null) => new()
        {
            CallId = id,
            ReceivedAt = now.AddDays(-daysAgo),
            UpdatedAt = now,
            Stage = stage,
            Approval = decidedAfterMinutes is { } minutes ? new ListedApproval { RequestedAt = now.AddDays(-daysAgo), ExpiresAt = now.AddDays(1), DecidedAt = now.AddDays(-daysAgo).AddMinutes(minutes) } : null,
        };
        var calls = new[]
        {
            Row("a", 0, Functions.Handoff.HandoffStage.Completed, 10),
            Row("b", 0, Functions.Handoff.HandoffStage.Completed, 30),
            Row("c", 0, Functions.Handoff.HandoffStage.InReview),
            Row("d", 1, Functions.Handoff.HandoffStage.NoAction),
            Row("e", 20, Functions.Handoff.HandoffStage.Completed, 5),
        };
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(TrendsFigure.Render("/console", "t", calls, TimeZoneInfo.Utc, now));
        var rows = page.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(TrendsFigure.Days, rows.Count);
        Assert.Equal(["2", "0", "1", "0", "0"], rows[^1].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["0", "1", "0", "0", "0"], rows[^2].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("median of 20 min", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("svg rect").Length);
    }
}
