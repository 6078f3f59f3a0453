using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Benchmarks.App;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Stores;
using Microsoft.DurableTask.Client;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// review-queue: how long finance waits for <c>GET /api/review</c> as calls pile up. The real app on loopback (embedded
/// store, dry-run providers) takes <c>--count</c> calls (default 20,000): nine in ten hang-ups with nothing to do (they
/// complete), one in ten a call whose transcript names no finance workflow (it goes to review). The queue is read once
/// (timed apart), then 5 more times for the median, beside the store's own scan of every instance with its output.
/// </summary>
internal sealed class ReviewQueueScenario : IBenchmarkScenario
{
    private const int Reads = 5;

    public string Name => "review-queue";

    public string Summary => "GET /api/review over 20,000 calls, 1 in 10 in review (median ms), the store's own scan beside it";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Options.Count ?? 20_000;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var app = await BenchApp.StartAsync(run.WorkDirectory, [], run.Options.DurableTaskConfiguration, cancellationToken);
        var unclear = JsonNode.Parse(app.Template)!;
        var unclearCall = unclear["payload"]!["call"]!;
        unclearCall["transcript"] = "User: Hi, I only wanted to say the new office opens on Monday.";
        unclearCall["summary"] = "The caller shared news about an office opening.";
        unclearCall.AsObject().Remove("post_call_analysis");
        var hangup = JsonNode.Parse(app.Template)!;
        var hangupCall = hangup["payload"]!["call"]!;
        hangupCall["status"] = "hangup";
        hangupCall["transcript"] = "";
        hangupCall.AsObject().Remove("summary");
        hangupCall.AsObject().Remove("post_call_analysis");
        List<SignedCall> calls =
        [
            .. SignedCalls.Make(hangup.ToJsonString(), BenchApp.WebhookSecret, "done", count - (count / 10)),
            .. SignedCalls.Make(unclear.ToJsonString(), BenchApp.WebhookSecret, "review", count / 10),
        ];
        var posting = Stopwatch.StartNew();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (call, ct) => await app.PostWebhookAsync(call, ct));
        await run.LogAsync($"{count} calls posted in {posting.Elapsed.TotalSeconds:F1} s; waiting for each to settle");
        while (await AnyOpenAsync(app.Client, cancellationToken))
        {
            await Task.Delay(500, cancellationToken);
        }

        await run.LogAsync($"settled after {posting.Elapsed.TotalSeconds:F1} s");
        var first = Stopwatch.StartNew();
        (await app.Http.GetAsync("/api/review", cancellationToken)).EnsureSuccessStatusCode();
        var firstReadMs = first.Elapsed.TotalMilliseconds;
        var times = new List<double>(Reads);
        var listed = 0;
        for (var i = 0; i < Reads; i++)
        {
            var start = Stopwatch.StartNew();
            using var queue = JsonDocument.Parse(await app.Http.GetStringAsync("/api/review", cancellationToken));
            times.Add(start.Elapsed.TotalMilliseconds);
            listed = queue.RootElement.GetProperty("count").GetInt32();
        }

        // The store alone: every instance paged through with its output, nothing parsed.
        var scans = new List<double>(Reads);
        for (var i = 0; i < Reads; i++)
        {
            var start = Stopwatch.StartNew();
            await foreach (var _ in app.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 500, FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
            {
            }

            scans.Add(start.Elapsed.TotalMilliseconds);
        }

        var median = Percentiles.Summary(times, 1).P50;
        var scan = Percentiles.Summary(scans, 1).P50;
        await run.LogAsync($"GET /api/review over {count} calls: {listed} in review, median {median} ms (the store's scan alone: {scan} ms)");
        return new Figures(Name, synchronous)
            .Add("calls", count, 0)
            .Add("inReview", listed, 0)
            .Add("medianReviewListMs", median, 1)
            .Add("firstReadMs", firstReadMs, 1)
            .Add("medianStoreScanMs", scan, 1)
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }

    private static Task<bool> AnyOpenAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        Runtime.InstanceBatch.AnyAsync(client, [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], cancellationToken);
}
