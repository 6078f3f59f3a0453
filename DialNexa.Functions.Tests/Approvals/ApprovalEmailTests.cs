using System.Text.Json;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Approvals;

public sealed class ApprovalEmailTests
{
    private const string Lead = "finance.lead@example.com";
    private const string Controller = "controller@example.com";

    [Fact]
    public async Task EmailSetUp_EachApproverGetsOnlyTheirOwnLink_AndTheSlackChannelGetsNone()
    {
        await using var relay = new FakeSmtpServer();
        var (app, _, slack) = await HandoffTestApp.StartAsync(EmailSettings(relay));
        await using (app)
        {
            var status = await PostDisputeAndWaitForMailsAsync(app.Http, relay, 2);
            var links = Approvers(status).ToDictionary(a => a.GetProperty("approver").GetString()!, a => a.GetProperty("url").GetString()!);

            foreach (var mail in relay.Received)
            {
                var to = Assert.Single(mail.To);
                Assert.Equal("approvals@example.com", mail.From);
                Assert.Contains(links[to], mail.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(links[to == Lead ? Controller : Lead], mail.Body, StringComparison.Ordinal);
                Assert.Contains(HandoffTestApp.DisputeCall, mail.Header("Subject"), StringComparison.Ordinal);
            }

            Assert.Equal([Controller, Lead], relay.Received.SelectMany(m => m.To).Order());
            var post = Assert.Single(slack.Received, r => r.Kind == SlackMessageKind.ApprovalRequest);
            Assert.DoesNotContain(post.Links, l => links.ContainsValue(l.Url));
            Assert.Contains("went to the approvers by email", post.Text, StringComparison.Ordinal);
            Assert.All(status.GetProperty("approval").GetProperty("request").GetProperty("deliveries").EnumerateArray(), d => Assert.True(d.GetProperty("sent").GetBoolean()));
        }
    }

    [Fact]
    public async Task RelayRefusesOneApprover_SlackSaysWhomTheLinkMissed_AndTheApprovalStillWaits()
    {
        await using var relay = new FakeSmtpServer();
        relay.Refused.Add(Controller);
        var (app, _, slack) = await HandoffTestApp.StartAsync(EmailSettings(relay));
        await using (app)
        {
            var status = await PostDisputeAndWaitForMailsAsync(app.Http, relay, 1);
            Assert.Equal(Lead, Assert.Single(Assert.Single(relay.Received).To));
            var missed = Assert.Single(status.GetProperty("approval").GetProperty("request").GetProperty("deliveries").EnumerateArray(), d => !d.GetProperty("sent").GetBoolean());
            Assert.Equal(Controller, missed.GetProperty("approver").GetString());
            Assert.Contains("MailboxUnavailable", missed.GetProperty("problem").GetString(), StringComparison.Ordinal);
            var post = Assert.Single(slack.Received, r => r.Kind == SlackMessageKind.ApprovalRequest);
            Assert.Contains("Not emailed: " + ApprovalMasking.Email(Controller), post.Text, StringComparison.Ordinal);
            Assert.Equal("AwaitingApproval", status.GetProperty("stage").GetString());
        }
    }

    [Fact]
    public async Task SendAgain_AsARetriedActivityWould_SendsNothingTwice()
    {
        await using var relay = new FakeSmtpServer();
        var (app, _, _) = await HandoffTestApp.StartAsync(EmailSettings(relay));
        await using (app)
        {
            var status = await PostDisputeAndWaitForMailsAsync(app.Http, relay, 2);
            var request = status.GetProperty("approval").GetProperty("request").Deserialize<ApprovalRequest>(DialNexa.Functions.Json.AppJson.Options)!;
            var mailer = app.Services.GetRequiredService<ApprovalMailer>();

            var again = await mailer.SendAsync(request, "request", "Approval needed", CancellationToken.None);
            Assert.All(again, d => Assert.True(d.Sent));
            Assert.Equal(2, relay.Received.Count);
            await mailer.SendAsync(request, "reminder", "Reminder: still waiting for approval", CancellationToken.None);
            Assert.Equal(4, relay.Received.Count);
        }
    }

    [Fact]
    public async Task RelayUnreachable_TheDeliveryNamesTheSettingsToCheck()
    {
        int closedPort;
        await using (var gone = new FakeSmtpServer())
        {
            closedPort = gone.Port;
        }

        var settings = EmailSettings(null, closedPort);
        var (app, _, slack) = await HandoffTestApp.StartAsync(settings);
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);
            var problems = status.GetProperty("approval").GetProperty("request").GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("problem").GetString()).ToList();
            Assert.Equal(2, problems.Count);
            Assert.All(problems, p => Assert.Contains("DialNexa__Approvals__Email__Host", p, StringComparison.Ordinal));
            Assert.Contains(slack.Received, r => r.Text.Contains("Not emailed", StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string> EmailSettings(FakeSmtpServer? relay, int? port = null) => new()
    {
        ["DialNexa:Approvals:Approvers:0:Email"] = Lead,
        ["DialNexa:Approvals:Approvers:1:Email"] = Controller,
        ["DialNexa:Approvals:Email:Host"] = "127.0.0.1",
        ["DialNexa:Approvals:Email:Port"] = (port ?? relay!.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DialNexa:Approvals:Email:EnableSsl"] = "false",
        ["DialNexa:Approvals:Email:From"] = "approvals@example.com",
        ["DialNexa:Approvals:Email:TimeoutSeconds"] = "5",
    };

    private static async Task<JsonElement> PostDisputeAndWaitForMailsAsync(HttpClient http, FakeSmtpServer relay, int mails)
    {
        await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(http);
        var status = await HandoffTestApp.WaitForApprovalRequestAsync(http, HandoffTestApp.DisputeCall);
        Assert.Equal(mails, relay.Received.Count);
        return status;
    }

    private static IEnumerable<JsonElement> Approvers(JsonElement status) =>
        status.GetProperty("approval").GetProperty("request").GetProperty("approvers").EnumerateArray();
}
