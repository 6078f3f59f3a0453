using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// review-queue: how long finance waits for <c>GET /api/review</c> as calls pile up. The real app on loopback (embedded
/// store, dry-run providers) takes <c>--count</c> calls (default 5,000): nine in ten hang-ups with nothing to do (they
/// complete), one in ten a call whose transcript names no finance workflow (review). Then the queue is read once (the
/// first read of a store not yet indexed scans it once, timed apart) and 5 more times for the median, beside the
/// store's own scan of every instance in the same run.
/// </summary>
internal sealed class ReviewQueueBenchmark : IBenchmarkScenario
{
    private const int Reads = 5;

    public string Name => "review-queue";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var count = options.Count ?? 5000;
        await using var app = await BenchApp.StartAsync(options.WorkDirectory, [], cancellationToken);
        var unclear = JsonNode.Parse(app.Template)!;
        var unclearCall = unclear["payload"]!["call"]!;
        unclearCall["transcript"] = "User: Hi, I only wanted to say the new office opens on Monday.";
        unclearCall["summary"] = "The caller shared news about an office opening.";
        unclearCall.AsObject().Remove("post_call_analysis");
        var hangup = JsonNode.Parse(app.Template)!;
        hangup["payload"]!["call"]!["status"] = "hangup";
        hangup["payload"]!["call"]!["transcript"] = "";
        hangup["payload"]!["call"]!.AsObject().Remove("summary");
        hangup["payload"]!["call"]!.AsObject().Remove("post_call_analysis");
        List<(string Id, byte[] Body, string Signature)> calls =
        [
            .. SignedCalls.Make(hangup.ToJsonString(), BenchApp.WebhookSecret, "done", count - (count / 10)),
            .. SignedCalls.Make(unclear.ToJsonString(), BenchApp.WebhookSecret, "review", count / 10),
        ];
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (call, ct) => await app.PostWebhookAsync(call, ct));
        await log.WriteLineAsync($"{count} calls posted; waiting for each to settle");
        foreach (var call in calls)
        {
            await WaitSettledAsync(app.Client, call.Id, cancellationToken);
        }

        // The first read of a store the queue has not indexed yet scans it once; it is timed apart.
        var first = Stopwatch.GetTimestamp();
        (await app.Http.GetAsync("/api/review", cancellationToken)).EnsureSuccessStatusCode();
        var firstReadMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        var times = new double[Reads];
        var listed = 0;
        for (var i = 0; i < Reads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var queue = JsonDocument.Parse(await app.Http.GetStringAsync("/api/review", cancellationToken));
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            listed = queue.RootElement.GetProperty("count").GetInt32();
        }

        // The store alone: every instance paged through with its output, as the queue reads them, nothing parsed.
        var scans = new double[Reads];
        for (var i = 0; i < Reads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            string? token = null;
            do
            {
                (_, token) = await app.Client.GetAllInstancesAsync(new InstanceQuery { PageSize = 500, ContinuationToken = token, FetchInputsAndOutputs = true }, cancellationToken);
            }
            while (token is not null);
            scans[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(scans);
        Array.Sort(times);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  GET /api/review over {count} calls: {listed} in review, median {times[Reads / 2]:F1} ms (the store's scan alone: {scans[Reads / 2]:F1} ms)"));
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["store"] = "embedded",
            ["calls"] = count,
            ["inReview"] = listed,
            ["medianReviewListMs"] = Math.Round(times[Reads / 2], 1),
            ["firstReadMs"] = Math.Round(firstReadMs, 1),
            ["medianRawInstanceScanMs"] = Math.Round(scans[Reads / 2], 1),
            ["processorCount"] = Environment.ProcessorCount,
        };
    }

    private static async Task WaitSettledAsync(DurableTaskClient client, string callId, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 6000; i++)
        {
            var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: false, cancellationToken);
            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed)
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"Call {callId} did not settle within 2 minutes.");
    }
}
