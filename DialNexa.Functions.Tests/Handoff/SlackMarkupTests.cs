using System.Net;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// Finding 2 of issue 14: what a caller says reaches Slack as text, never as mrkdwn control sequences (mentions that
/// page a channel, links that pose as buttons), in approval, review, decision and summary posts alike.
/// </summary>
public sealed class SlackMarkupTests
{
    private const string Mention = "<!channel>";
    private const string FakeLink = "<https://evil.example/approve|Approve here>";

    [Fact]
    public async Task Handoff_CallerTextWithMentionsAndLinks_ReachesSlackEscapedInEveryPost()
    {
        var (app, _, slack, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var approved = "call_<!here>";
            var waiting = HostileCallApp.Dispute(approved, c =>
            {
                HostileCallApp.Analysis(c)["customer_name"] = "Dana " + Mention;
                c["summary"] = "Charged twice. " + FakeLink;
            });
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, waiting)).StatusCode);
            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, Uri.EscapeDataString(approved));
            Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(app.Http, Uri.EscapeDataString(approved), approved: true)).StatusCode);
            await HostileCallApp.WaitForEndAsync(app, Uri.EscapeDataString(approved));

            var escalated = HostileCallApp.Dispute("call_escalated", c =>
            {
                HostileCallApp.Analysis(c)["customer_name"] = "Dana " + Mention;
                HostileCallApp.Analysis(c)["escalation_reason"] = "Supervisor please: " + FakeLink + " " + Mention;
            });
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, escalated)).StatusCode);
            await HostileCallApp.WaitForEndAsync(app, "call_escalated");

            var posts = slack.Received.ToList();
            Assert.Contains(posts, p => p.Kind == SlackMessageKind.ApprovalRequest);
            Assert.Contains(posts, p => p.Text.Contains("needs review", StringComparison.Ordinal));
            Assert.Contains(posts, p => p.Text.Contains("approved by", StringComparison.Ordinal));
            Assert.Contains(posts, p => p.Text.Contains("Duplicate charge", StringComparison.Ordinal));
            foreach (var post in posts)
            {
                Assert.DoesNotContain("<!", post.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("<https://evil", post.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("|Approve here>", post.Text, StringComparison.Ordinal);
            }

            // The caller's words are still there for a person to read, as text.
            Assert.Contains(posts, p => p.Text.Contains("&lt;!channel&gt;", StringComparison.Ordinal));
            Assert.Contains(posts, p => p.Text.Contains("&lt;https://evil.example/approve|Approve here&gt;", StringComparison.Ordinal));
            Assert.Contains(posts, p => p.Text.Contains("call_&lt;!here&gt;", StringComparison.Ordinal));
        }
    }
}
