using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// One app process on the embedded SQLite store takes signed dispute calls and their approvals and is SIGKILLed
/// mid-run; a second process on the same data directory finishes every call the first acknowledged, each planned
/// provider action recorded once.
/// </summary>
public sealed class HostKillTests
{
    private const string FixtureCallId = "call_7f3a9c21d4";
    private const string Approver = "finance.lead@example.com";
    private const int Calls = 300;

    [Fact]
    public async Task Sigkill_MidRun_NextHostFinishesEveryAcknowledgedCall_EachActionOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-kill-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = Approver,
        };
        var template = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"));
        var acknowledged = new ConcurrentBag<string>();
        var approved = new ConcurrentBag<string>();
        await using (var first = await HostProcess.StartAsync(directory, settings))
        {
            var posted = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var callId = string.Create(CultureInfo.InvariantCulture, $"call_kill{i:D4}");
                var body = Encoding.UTF8.GetBytes(template.Replace(FixtureCallId, callId, StringComparison.Ordinal));
                if (await TryAsync(() => WebhookSender.PostAsync(first.Http, body, WebhookSender.Sign(body))))
                {
                    acknowledged.Add(callId);
                    if (await TryAsync(() => ApproveAsync(first.Http, callId)))
                    {
                        approved.Add(callId);
                    }
                }

                if (Interlocked.Increment(ref posted) == Calls / 2)
                {
                    await first.KillAsync();
                }
            });
        }

        Assert.True(acknowledged.Count >= Calls / 3, $"Only {acknowledged.Count} deliveries were acknowledged before the kill.");
        await using var second = await HostProcess.StartAsync(directory, settings);
        foreach (var callId in acknowledged.Except(approved))
        {
            // The approval that got no answer is sent again, as a person would press the button again (and again, while
            // the host that just took over gives no answer). 410 Gone is right too: the first approval reached the store
            // before the host died, and the call finished before this one came; the checks below see it was carried out.
            var answer = await AnswerToApprovalAsync(second.Http, callId);
            Assert.True(answer is HttpStatusCode.Accepted or HttpStatusCode.Gone, $"The second host answered the approval of {callId} with {answer?.ToString() ?? "nothing, three times"}.");
        }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var callId in acknowledged)
        {
            var done = await Poll.CallStatusAsync(second.Http, callId, HandoffTestApp.IsFinished, $"call {callId} finishing", SecondsUntil(deadline));
            Assert.True(done.GetProperty("runtimeStatus").GetString() == "Completed", $"{callId} ended {done.GetProperty("runtimeStatus").GetString()}: {done}");
            Assert.True(done.GetProperty("stage").GetString() == "Completed", $"{callId} ended in stage {done.GetProperty("stage").GetString()}: {done}");
            Assert.Equal(Approver, done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());
            var planned = done.GetProperty("plannedActions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order().ToList();
            var effects = done.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order().ToList();
            Assert.Equal(planned, effects);
        }
    }

    private static async Task<HttpResponseMessage> ApproveAsync(HttpClient http, string callId) =>
        await http.PostAsync(
            $"/runtime/webhooks/durabletask/instances/{callId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
            JsonContent.Create(new FinanceApproval(true, Approver, "kill test", DateTimeOffset.UtcNow)));

    private static async Task<HttpStatusCode?> AnswerToApprovalAsync(HttpClient http, string callId)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var response = await ApproveAsync(http, callId);
                return response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // No answer within the client's timeout: pressed again.
            }
        }

        return null;
    }

    private static async Task<bool> TryAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer: the host is gone, so nothing was promised.
            return false;
        }
    }

    private static int SecondsUntil(DateTime deadline) => Math.Max(1, (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalSeconds));
}
