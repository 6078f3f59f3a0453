using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Durable;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers.Slack;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// slack-approval: how fast the app answers a finance approver's click in Slack, which Slack wants within 3 seconds.
/// The real app on loopback (embedded store, dry-run providers) takes <c>--count</c> dispute calls (default 500) to
/// AwaitingApproval; then each is approved by a signed Slack <c>block_actions</c> interaction, one after another, the
/// time to the app's 200 measured; the first 50 warm the route and are not counted. The run ends when every call has
/// completed with its write, so the figure is for clicks that really decide.
/// </summary>
internal sealed class SlackApprovalBenchmark : IBenchmarkScenario
{
    private const string SigningSecret = "bench-slack-signing-secret";
    private const string ApproverEmail = "bench.finance@example.com";
    private const string ApproverSlackId = "U0BENCHFIN";
    private const int WarmUpClicks = 50;
    private const int SlackLimitMs = 3000;

    public string Name => "slack-approval";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var count = options.Count ?? 500;
        await using var app = await BenchApp.StartAsync(
            options.WorkDirectory,
            [
                $"--DialNexa:Approvals:Approvers:0:Email={ApproverEmail}",
                $"--DialNexa:Approvals:Approvers:0:SlackUserId={ApproverSlackId}",
                $"--Providers:Slack:SigningSecret={SigningSecret}",

                // The clicks' response_url leads nowhere: the message updates after the answer fail, as expected here.
                "--Logging:LogLevel:DialNexa.Functions.Providers.Slack.SlackResponder=Error",
            ],
            cancellationToken);
        var client = app.Client;
        var http = app.Http;
        var calls = SignedCalls.Make(app.Template, BenchApp.WebhookSecret, "slack", WarmUpClicks + count);
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (call, ct) => await app.PostWebhookAsync(call, ct));
        var requestIds = new string[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            requestIds[i] = await WaitForApprovalRequestAsync(http, calls[i].Id, cancellationToken);
        }

        await log.WriteLineAsync($"{calls.Count} calls waiting for approval; approving each from Slack");
        var answers = new double[count];
        for (var i = 0; i < calls.Count; i++)
        {
            var elapsed = await ClickApproveAsync(http, requestIds[i], cancellationToken);
            if (i >= WarmUpClicks)
            {
                answers[i - WarmUpClicks] = elapsed;
            }
        }

        var failed = 0;
        foreach (var call in calls)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            var done = await client.WaitForInstanceCompletionAsync(call.Id, getInputsAndOutputs: true, timeout.Token);
            var status = done.ReadOutputAs<CallStatusSnapshot>();
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || status?.Stage != HandoffStage.Completed || status.Approval?.Decision?.Channel != "slack")
            {
                failed++;
            }
        }

        Array.Sort(answers);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {count} clicks answered: p50 {HelloSequenceBenchmark.Percentile(answers, 0.5):F2} ms, p99 {HelloSequenceBenchmark.Percentile(answers, 0.99):F2} ms; not completed through Slack: {failed}"));
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["store"] = "embedded",
            ["providers"] = "DryRun",
            ["clicks"] = count,
            ["p50AnswerMs"] = Math.Round(HelloSequenceBenchmark.Percentile(answers, 0.50), 2),
            ["p99AnswerMs"] = Math.Round(HelloSequenceBenchmark.Percentile(answers, 0.99), 2),
            ["maxAnswerMs"] = Math.Round(answers[^1], 2),
            ["slackLimitMs"] = SlackLimitMs,
            ["failed"] = failed,
            ["processorCount"] = Environment.ProcessorCount,
        };
    }

    /// <summary>The approval request's ID once the call waits for finance (it is in the Slack message's buttons).</summary>
    private static async Task<string> WaitForApprovalRequestAsync(HttpClient http, string callId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}", cancellationToken);
            if (status.GetProperty("stage").GetString() == nameof(HandoffStage.AwaitingApproval)
                && status.GetProperty("approval") is { ValueKind: JsonValueKind.Object } approval)
            {
                return approval.GetProperty("request").GetProperty("requestId").GetString()!;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"Call {callId} did not ask for approval within 2 minutes.");
    }

    /// <summary>Posts a signed <c>block_actions</c> click on the approve button, as Slack sends it; returns the time to the app's 200.</summary>
    private static async Task<double> ClickApproveAsync(HttpClient http, string requestId, CancellationToken cancellationToken)
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
        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The Slack interaction for {requestId} answered {(int)response.StatusCode}.");
        }

        return elapsed;
    }
}
