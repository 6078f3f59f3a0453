using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.Sqlite;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Json;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Tests.Providers;
using DurableTask.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// Calls wait days for approval, so histories written when Slack was a provider are replayed by today's code: their
/// messages (a <c>ProviderActionRequest</c> inside each outgoing message) read as today's Slack messages, today's JSON
/// keeps the names and values the code of before reads, and an old history replays on the durable runtime and posts
/// each message once.
/// </summary>
public sealed class OldSlackHistoryTests
{
    [Fact]
    public void OldActivityJson_ReadsAsTodaysMessages()
    {
        var input = AppJson.Deserialize<MessageAttemptInput>(OldSlackHistory.AttemptInput)!;
        var alert = input.Message.Slack!;
        Assert.Equal((2, false), (input.Attempt, input.LastAttempt));
        Assert.Equal(("call_7f3a9c21d4", "alert:Duplicate-charge", MessageChannel.Slack), (input.Message.CallId, input.Message.Key, input.Message.Channel));
        Assert.Equal(SlackMessageKind.Alert, alert.Kind);
        Assert.Equal("Duplicate charge: call call_7f3a9c21d4. Caller was charged twice.", alert.Text);
        Assert.Equal("alert:Duplicate-charge", alert.MessageKey);
        Assert.Equal([new SlackLink("Call status", "https://app.example/api/calls/call_7f3a9c21d4"), new SlackLink("Transcript (redacted)", "https://app.example/api/calls/call_7f3a9c21d4/transcript")], alert.Links);

        var approval = AppJson.Deserialize<OutgoingMessage>(OldSlackHistory.ApprovalMessage)!.Slack!;
        Assert.Equal(SlackMessageKind.ApprovalRequest, approval.Kind);
        Assert.Equal("call_7f3a9c21d4:approval", approval.ApprovalRequestId);
        Assert.Equal("Review: Finance Lead", approval.Links[0].Label);

        var alerts = AppJson.Deserialize<List<OutgoingMessage>>(OldSlackHistory.NotifyOutput)!;
        var listed = Assert.Single(alerts).Slack!;
        Assert.Equal((alert.Kind, alert.Text, alert.MessageKey), (listed.Kind, listed.Text, listed.MessageKey));
        Assert.Equal(alert.Links, listed.Links);
    }

    [Fact]
    public void TodaysJson_KeepsTheNamesAndValuesTheOldCodeReads()
    {
        var old = JsonNode.Parse(OldSlackHistory.ApprovalMessage)!;
        var today = JsonNode.Parse(AppJson.SerializeToUtf8Bytes(AppJson.Deserialize<OutgoingMessage>(OldSlackHistory.ApprovalMessage)))!;

        foreach (var field in new[] { "callId", "key", "purpose", "channel" })
        {
            Assert.True(JsonNode.DeepEquals(old[field], today[field]), field);
        }

        foreach (var field in new[] { "callId", "kind", "message", "approvalRequestId", "messageKey", "links" })
        {
            Assert.True(JsonNode.DeepEquals(old["slack"]![field], today["slack"]![field]), "slack." + field);
        }

        var alert = JsonNode.Parse(AppJson.SerializeToUtf8Bytes(new SlackMessage { CallId = "c", Kind = SlackMessageKind.Alert, Text = "t" }))!;
        Assert.Equal("SlackAlert", alert["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task OldHistory_ReplaysOnTheRuntime_AndPostsEachMessageOnce()
    {
        await using var slack = await LoopbackApi.StartAsync();
        slack.Handler = (context, _) => context.Response.WriteAsync("ok");
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-old-slack-history", Guid.NewGuid().ToString("N"));
        try
        {
            var (attempts, claims) = await ReplayAsync(directory, slack.BaseUrl + "/services/T0/B0/hooksecret");

            Assert.Equal([MessageAttemptOutcome.Delivered, MessageAttemptOutcome.Delivered, MessageAttemptOutcome.AlreadyDelivered], attempts.Select(a => a.Outcome));
            Assert.Equal([true, true], claims);
            var posts = slack.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
            Assert.Equal(2, posts.Count);
            Assert.Equal("*Approval needed* Call call_7f3a9c21d4 asks for a refund.", posts[0]["text"]!.GetValue<string>());
            var decide = posts[0]["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == SlackApprovalMessages.DecisionBlockId)!;
            Assert.All(decide["elements"]!.AsArray(), b => Assert.Equal("call_7f3a9c21d4:approval", b!["value"]!.GetValue<string>()));
            Assert.Equal("Duplicate charge: call call_7f3a9c21d4. Caller was charged twice.", posts[1]["text"]!.GetValue<string>());
            Assert.Equal("https://app.example/api/calls/call_7f3a9c21d4/transcript", posts[1]["blocks"]![1]!["elements"]![1]!["url"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(List<MessageAttempt> Attempts, bool[] Claims)> ReplayAsync(string directory, string webhook)
    {
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton(TimeProvider.System);
        var appData = new SqliteAppDataStore(new SqliteAppDataOptions(Path.Combine(directory, "appdata.sqlite")));
        await appData.InitializeAsync(CancellationToken.None);
        services.AddSingleton<IAppDataStore>(appData);
        services.AddSingleton<IActionOutbox, StoreActionOutbox>();
        services.AddSingleton<ISecretResolver>(new ProviderTestKit.MapSecretResolver([]));
        services.AddSingleton<IHttpClientFactory>(new ProviderTestKit.PlainHttpClientFactory());
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SlackOptions { Mode = ProviderMode.Live, WebhookUrl = webhook, MaxRetries = 0 }));
        services.AddSingleton<ISlackPoster, SlackChannel>();
        services.AddOptions<ApprovalsOptions>();
        services.AddSingleton<ApprovalMailer>();
        services.AddSingleton<DialNexa.Functions.Handoff.Messages.MessageSender>();
        var sqlite = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DataDirectory = directory, TaskHubName = "OldSlack" });
        services.AddSingleton<IOrchestrationServiceClient>(sqlite);
        services.AddSingleton<IOrchestrationService>(sqlite);
        services.AddSingleton<DataConverter>(new JsonDataConverter(AppJson.Options));
        services.AddDurableTaskSelfHost(r => r.AddOrchestrator<ReplayOldSlackHistory>().AddActivity<AnswerOldSlackMessages>().AddActivity<DeliverMessageActivity>());
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ReplayOldSlackHistory), input: null, new StartOrchestrationOptions("call_7f3a9c21d4"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            var outbox = provider.GetRequiredService<IActionOutbox>();
            bool[] claims =
            [
                await outbox.IsClaimedAsync("call_7f3a9c21d4", "slack:approval-request", CancellationToken.None),
                await outbox.IsClaimedAsync("call_7f3a9c21d4", "slack:alert:Duplicate-charge", CancellationToken.None),
            ];
            return (done.ReadOutputAs<List<MessageAttempt>>()!, claims);
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            await appData.DisposeAsync();
        }
    }
}
