using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using DialNexa.TestSupport;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// Three app processes on one Azurite hub take signed DialNexa webhooks round-robin and run the real CallHandoff
/// (finance approval through the management API, dry-run providers); one host is SIGKILLed mid-run.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MultiHostCallHandoffKillTests(AzuriteFixture azurite)
{
    private const string FixtureCallId = "call_7f3a9c21d4";
    private const string Approver = "finance.lead@example.com";

    /// <summary>150 in the regular run (about 20 s here); DIALNEXA_MULTIHOST_CALLS=1000 runs the issue's full 1,000 (about 80 s).</summary>
    private static readonly int Calls =
        int.TryParse(Environment.GetEnvironmentVariable("DIALNEXA_MULTIHOST_CALLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 30 ? n : 150;

    [Fact]
    public async Task Sigkill_OneOfThreeHostsMidRun_EveryAcknowledgedCallCompletesAndEachPlannedActionTakesEffectOnce()
    {
        var clock = Stopwatch.StartNew();
        var hub = "H" + Guid.NewGuid().ToString("N")[..16];
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
            ["extensions:durableTask:storageProvider:leaseInterval"] = "00:00:15",

            // A killed host's dequeued messages come back after this (Durable Functions allows no less than a minute).
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:01:00",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:01:00",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = Approver,

            // Each host's log (host.log beside its data) names every start of a handoff, for reading after a failure.
            ["Logging:LogLevel:DialNexa.Functions.Handoff.HandoffDeliveries"] = "Information",
        };
        foreach (var provider in Enum.GetNames<ProviderName>())
        {
            settings[$"Providers:{provider}:Mode"] = "DryRun";
        }

        var template = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"));
        var run = Guid.NewGuid().ToString("N")[..6];
        var root = Path.Combine(Path.GetTempPath(), "dialnexa-multihost-tests", hub);

        // The hosts share the inbox's DataProtection keys (in production a mounted share), as they share the hub:
        // a delivery one host encrypted is redacted by whichever host picks up the activity.
        settings["DialNexa:DataProtection:KeysDirectory"] = Path.Combine(root, "keys");
        var hosts = new List<HostProcess>();
        try
        {
            // The first host makes the key ring (one delivery encrypts with it) before the others read it.
            hosts.Add(await HostProcess.StartAsync(Path.Combine(root, "host0"), settings));
            var warm = Encoding.UTF8.GetBytes(template.Replace(FixtureCallId, $"call_mh{run}warm", StringComparison.Ordinal));
            Assert.True(await TryPostAsync(hosts[0].Http, warm, WebhookSender.Sign(warm)), "The warm-up delivery was not acknowledged.");
            for (var i = 1; i < 3; i++)
            {
                hosts.Add(await HostProcess.StartAsync(Path.Combine(root, $"host{i}"), settings));
            }

            var victim = hosts[0];
            HostProcess[] survivors = [hosts[1], hosts[2]];
            var acknowledged = new ConcurrentBag<string>();
            var approved = new ConcurrentBag<string>();
            var approvalTrail = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
            var redelivered = 0;
            var duplicates = 0;
            var posted = 0;
            var killed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            {
                var callId = string.Create(CultureInfo.InvariantCulture, $"call_mh{run}{i:D5}");
                var body = Encoding.UTF8.GetBytes(template.Replace(FixtureCallId, callId, StringComparison.Ordinal));
                var signature = WebhookSender.Sign(body);
                var host = hosts[i % 3];

                // DialNexa redelivers a webhook it got no 2xx for; the redelivery goes to a surviving host.
                var acked = await TryPostAsync(host.Http, body, signature);
                for (var attempt = 0; !acked && attempt < 5; attempt++)
                {
                    Interlocked.Increment(ref redelivered);
                    acked = await TryPostAsync(survivors[(i + attempt) % 2].Http, body, signature);
                }

                if (acked)
                {
                    acknowledged.Add(callId);

                    // Every tenth delivery is repeated to another host, as an at-least-once sender does.
                    if (i % 10 == 0 && await TryPostAsync(survivors[i % 2].Http, body, signature))
                    {
                        Interlocked.Increment(ref duplicates);
                    }

                    var trail = approvalTrail.GetOrAdd(callId, _ => new ConcurrentQueue<string>());
                    var decided = await TryApproveAsync(host.Http, callId, trail);
                    for (var attempt = 0; !decided && attempt < 5; attempt++)
                    {
                        decided = await TryApproveAsync(survivors[(i + attempt) % 2].Http, callId, trail);
                    }

                    if (decided)
                    {
                        approved.Add(callId);
                    }
                }

                if (Interlocked.Increment(ref posted) == Calls / 3 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await victim.KillAsync();
                }
            });
            Assert.Equal(1, killed);
            Assert.Equal(Calls, acknowledged.Count);
            var undecided = acknowledged.Except(approved).ToList();
            Assert.True(undecided.Count == 0, await DescribeUndecidedAsync(survivors, undecided, approvalTrail));

            // One deadline for every call to finish, growing with the count (the survivors work through a backlog).
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(Calls * 0.5);
            var planned = 0;
            var effects = 0;
            foreach (var callId in acknowledged)
            {
                var done = await PollUntilDoneAsync(survivors, callId, deadline);
                Assert.True(done.GetProperty("runtimeStatus").GetString() == "Completed", $"{callId} ended {done.GetProperty("runtimeStatus").GetString()}: {done}");
                Assert.Equal("Completed", done.GetProperty("stage").GetString());
                Assert.Equal(Approver, done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());

                // One recorded effect per planned provider action: none missing, none carried out twice.
                var plannedKeys = done.GetProperty("plannedActions").EnumerateArray()
                    .Select(a => $"{a.GetProperty("provider").GetString()}:{a.GetProperty("kind").GetString()}")
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var effectKeys = done.GetProperty("actions").EnumerateArray()
                    .Select(a => $"{a.GetProperty("provider").GetString()}:{a.GetProperty("kind").GetString()}")
                    .Order(StringComparer.Ordinal)
                    .ToList();
                Assert.Equal(plannedKeys, effectKeys);
                Assert.All(done.GetProperty("actions").EnumerateArray(), a => Assert.Equal("DryRun", a.GetProperty("outcome").GetString()));
                planned += plannedKeys.Count;
                effects += effectKeys.Count;
            }

            Assert.True(planned >= Calls, $"Only {planned} provider actions were planned for {Calls} dispute calls.");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"multi-host CallHandoff kill: {Calls} posted, {acknowledged.Count} acknowledged, {redelivered} redeliveries after no 2xx, {duplicates} duplicate deliveries absorbed, {acknowledged.Count} completed, {effects} provider effects for {planned} planned actions, {clock.Elapsed.TotalSeconds:F1} s"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<bool> TryPostAsync(HttpClient http, byte[] body, string signature)
    {
        try
        {
            using var response = await WebhookSender.PostAsync(http, body, signature);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer (the host died or is saturated): no promise was made.
            return false;
        }
    }

    /// <summary>
    /// Approves as finance does: once the call asks for it. (DurableTask.AzureStorage discards an event that overtakes
    /// its instance's start, so an approval raised before the call exists would be a test of something no person does.)
    /// </summary>
    private static async Task<bool> TryApproveAsync(HttpClient http, string callId, ConcurrentQueue<string> trail)
    {
        var seen = "nothing";
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                using var status = await http.GetAsync($"/api/calls/{callId}");
                var call = status.IsSuccessStatusCode ? await status.Content.ReadFromJsonAsync<JsonElement>() : default;
                seen = call.ValueKind == JsonValueKind.Object
                    ? $"{call.GetProperty("runtimeStatus").GetString()}/{call.GetProperty("stage").GetString()}"
                    : $"HTTP {(int)status.StatusCode}";
                if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("approval", out var approval) && approval.ValueKind == JsonValueKind.Object
                    && approval.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.Object)
                {
                    // An earlier approval reached the store though its sender got no answer (the host died after the
                    // commit): the call is decided; the checks after the run see that it was carried out once.
                    return true;
                }

                if (call.ValueKind == JsonValueKind.Object && call.GetProperty("stage").GetString() == "AwaitingApproval")
                {
                    using var response = await http.PostAsync(
                        $"/runtime/webhooks/durabletask/instances/{callId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
                        JsonContent.Create(new FinanceApproval(true, Approver, "multi-host kill test", DateTimeOffset.UtcNow)));
                    trail.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {http.BaseAddress} saw {seen}, raised: HTTP {(int)response.StatusCode}");
                    return response.IsSuccessStatusCode;
                }

                await Task.Delay(200);
            }

            trail.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {http.BaseAddress} gave up after 90 s; last saw {seen}");
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            trail.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {http.BaseAddress} {ex.GetType().Name} after seeing {seen}");
            return false;
        }
    }

    /// <summary>What the approver saw of each call it could not decide, and where the call stands now.</summary>
    private static async Task<string> DescribeUndecidedAsync(HostProcess[] survivors, List<string> undecided, ConcurrentDictionary<string, ConcurrentQueue<string>> trails)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{undecided.Count} acknowledged calls were never approved (host logs: {Path.GetDirectoryName(survivors[0].DataDirectory)}):");
        foreach (var callId in undecided)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"{callId}: ");
            text.AppendJoin("; ", trails.TryGetValue(callId, out var trail) ? trail : []);
            try
            {
                using var response = await survivors[0].Http.GetAsync($"/runtime/webhooks/durabletask/instances/{callId}?showHistory=true");
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  now: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                text.Append(CultureInfo.InvariantCulture, $"  now: {ex.GetType().Name}");
            }
        }

        return text.ToString();
    }

    /// <summary>Polls the call's status on the surviving hosts until it finished; a slow answer is asked again.</summary>
    private static async Task<JsonElement> PollUntilDoneAsync(HostProcess[] survivors, string callId, DateTime deadline)
    {
        JsonElement last = default;
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            try
            {
                using var response = await survivors[attempt % 2].Http.GetAsync($"/api/calls/{callId}");
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (last.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
                    {
                        return last;
                    }
                }
            }
            catch (Exception ex) when (ex is TaskCanceledException or HttpRequestException)
            {
                // The host is busy; ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Call {callId} did not finish by {deadline:O}; last status: {last}");
    }
}
