using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Benchmarks.App;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Stores;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// slack-approval: how fast the app answers a finance approver's click in Slack (Slack wants an answer within 3 s). The
/// real app on loopback (embedded store, dry-run providers) takes <c>--count</c> dispute calls (default 500, plus 50 that
/// warm the route and are not counted) to AwaitingApproval; each is then approved by a signed Slack
/// <c>block_actions</c> interaction, one after another, timed to the app's 200. The run ends when every call has
/// completed with its write, so the figure is for clicks that really decide.
/// </summary>
internal sealed class SlackApprovalScenario : IBenchmarkScenario
{
    private const string SigningSecret = "bench-slack-signing-secret";
    private const string ApproverEmail = "bench.finance@example.com";
    private const string ApproverSlackId = "U0BENCHFIN";
    private const int WarmUpClicks = 50;
    private const int SlackLimitMs = 3000;

    public string Name => "slack-approval";

    public string Summary => "500 calls waiting for finance, each approved by a signed Slack block_actions click (p50/p99 answer ms)";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Options.Count ?? 500;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var app = await BenchApp.StartAsync(
            run.WorkDirectory,
            [
                $"--DialNexa:Approvals:Approvers:0:Email={ApproverEmail}",
                $"--DialNexa:Approvals:Approvers:0:SlackUserId={ApproverSlackId}",
                $"--Providers:Slack:SigningSecret={SigningSecret}",

                // The clicks' response_url leads nowhere: updating the message after the answer fails, as expected here.
                "--Logging:LogLevel:DialNexa.Functions.Notifications.Slack.SlackResponder=Error",
            ],
            run.Options.DurableTaskConfiguration,
            cancellationToken);
        var calls = SignedCalls.Make(app.Template, BenchApp.WebhookSecret, "slack", WarmUpClicks + count);
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (call, ct) => await app.PostWebhookAsync(call, ct));
        var requestIds = new string[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            requestIds[i] = await WaitForApprovalRequestAsync(app.Http, calls[i].Id, cancellationToken);
        }

        await run.LogAsync($"{calls.Count} calls waiting for approval; approving each from Slack");
        var answers = new List<double>(count);
        for (var i = 0; i < calls.Count; i++)
        {
            var elapsed = await ClickApproveAsync(app, requestIds[i], cancellationToken);
            if (i >= WarmUpClicks)
            {
                answers.Add(elapsed);
            }
        }

        var failed = 0;
        foreach (var call in calls)
        {
            var (_, status) = await app.WaitForCallAsync(call.Id, TimeSpan.FromMinutes(2), cancellationToken);
            if (status?.Stage != HandoffStage.Completed || status.Approval?.Decision?.Channel != "slack")
            {
                failed++;
            }
        }

        var (p50, p99, max) = Percentiles.Summary(answers, 2);
        await run.LogAsync($"{count} clicks answered: p50 {p50} ms, p99 {p99} ms; not completed through Slack: {failed}");
        return new Figures(Name, synchronous) { ["providers"] = "DryRun" }
            .Add("clicks", count, 0)
            .Add("p50AnswerMs", p50, 2)
            .Add("p99AnswerMs", p99, 2)
            .Add("maxAnswerMs", max, 2)
            .Add("slackLimitMs", SlackLimitMs, 0)
            .Add("failed", failed, 0)
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }

    /// <summary>The approval request's ID once the call waits for finance (it is in the Slack message's buttons).</summary>
    private static async Task<string> WaitForApprovalRequestAsync(HttpClient http, string callId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}", cancellationToken);
            if (status.GetProperty("stage").GetString() == nameof(HandoffStage.AwaitingApproval)
                && status.TryGetProperty("approval", out var approval) && approval.ValueKind == JsonValueKind.Object)
            {
                return approval.GetProperty("request").GetProperty("requestId").GetString()!;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"Call {callId} did not ask for approval within 2 minutes.");
    }

    /// <summary>Posts a signed <c>block_actions</c> click on the approve button, as Slack sends it; the milliseconds to the app's 200.</summary>
    private static async Task<double> ClickApproveAsync(BenchApp app, string requestId, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = ApproverSlackId, ["username"] = "finance", ["team_id"] = "T0" },
            ["team"] = new JsonObject { ["id"] = "T0", ["domain"] = "example" },
            ["response_url"] = "http://127.0.0.1:9/slack-response-unused",
            ["message"] = new JsonObject { ["type"] = "message", ["text"] = "Approval needed", ["blocks"] = new JsonArray { SlackApprovalMessages.DecisionButtons(requestId) } },
            ["actions"] = new JsonArray
            {
                new JsonObject { ["type"] = "button", ["action_id"] = SlackApprovalMessages.ApproveActionId, ["block_id"] = SlackApprovalMessages.DecisionBlockId, ["value"] = requestId },
            },
        };
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload.ToJsonString()));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(SigningSecret, timestamp, body));
        return await app.SendTimedAsync(request, HttpStatusCode.OK, cancellationToken);
    }
}
