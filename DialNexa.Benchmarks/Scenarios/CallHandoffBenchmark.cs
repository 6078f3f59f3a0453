using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DialNexa.Durable;
using DialNexa.Durable.Storage;
using DialNexa.Durable.Storage.Sqlite;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// call-handoff: the real app on loopback (embedded store, synchronous=FULL, dry-run providers, a scratch data folder),
/// fed signed webhooks in the dispute fixture's shape, one unique call ID each, over real HTTP; finance's approval is
/// posted through the management API as soon as a call is accepted (it waits, buffered, for the call to ask).
/// Two runs of <c>--count</c> calls (default 2,000): one open loop at a fixed <c>--rate</c> (default 200 requests/s)
/// for the webhook accept latency, and one as fast as 64 concurrent senders can post, for end-to-end throughput.
/// Each run lasts until every call's handoff has completed.
/// </summary>
internal sealed class CallHandoffBenchmark : IBenchmarkScenario
{
    private const int SaturationSenders = 64;
    private const string Approver = "bench.finance@example.com";
    private const int WarmUpCalls = 300;
    private const int MaxWarmUpRounds = 8;
    private const int QuietWarmUpMethods = 100;

    public string Name => "call-handoff";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var count = options.Count ?? 2_000;
        var rate = options.Rate ?? 200;
        var rawCommits = EngineBenchmarkHost.MeasureRawCommitsPerSecond(options.WorkDirectory);
        await log.WriteLineAsync($"raw SQLite commits/s (WAL, synchronous=FULL): {rawCommits:F0}");
        await using (var app = await BenchApp.StartAsync(
            options.WorkDirectory,
            [$"--DialNexa:Approvals:Approvers:0:Email={Approver}", "--extensions:durableTask:storageProvider:synchronous=FULL"],
            cancellationToken))
        {
            var template = app.Template;
            var store = app.Services.GetRequiredService<IOrchestrationStore>() as SqliteOrchestrationStore;

            // Steady state, as a long-running host is: warm the routes, the connection pool and the tiered JIT on calls
            // that are not counted (both load shapes), then wait until the JIT has stopped recompiling hot methods.
            var warmRounds = 0;
            long jitted;
            do
            {
                var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                await RunPhaseAsync(app, SignedCalls.Make(template, BenchApp.WebhookSecret, $"warm{warmRounds}r", WarmUpCalls), rate, TextWriter.Null, cancellationToken);
                await RunPhaseAsync(app, SignedCalls.Make(template, BenchApp.WebhookSecret, $"warm{warmRounds}s", WarmUpCalls), rate: null, TextWriter.Null, cancellationToken);
                await JitQuiescence.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
            }
            while (++warmRounds < MaxWarmUpRounds && jitted > QuietWarmUpMethods);

            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmRounds} rounds of {2 * WarmUpCalls} calls, {jitted} methods compiled in the last"));
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();

            await log.WriteLineAsync($"fixed rate: {count} calls at {rate} requests/s");
            var (commitsBefore, writesBefore) = (store?.CommitCount ?? 0, store?.WriteCount ?? 0);
            var paced = await RunPhaseAsync(app, SignedCalls.Make(template, BenchApp.WebhookSecret, "rate", count), rate, log, cancellationToken);
            var (commits, writes) = ((store?.CommitCount ?? 0) - commitsBefore, (store?.WriteCount ?? 0) - writesBefore);
            await log.WriteLineAsync($"saturation: {count} calls from {SaturationSenders} concurrent senders");
            var (allocatedBefore, pauseBefore, gen2Before) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var writerBefore = store?.WriterBusy ?? TimeSpan.Zero;
            var saturationClock = Stopwatch.StartNew();
            var saturated = await RunPhaseAsync(app, SignedCalls.Make(template, BenchApp.WebhookSecret, "sat", count), rate: null, log, cancellationToken);
            var (allocated, pause, gen2) = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var writerShare = ((store?.WriterBusy ?? TimeSpan.Zero) - writerBefore) / saturationClock.Elapsed;
            var jitDuringMeasurement = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;

            return new Dictionary<string, object?>
            {
                ["scenario"] = Name,
                ["store"] = "embedded",
                ["synchronous"] = "FULL",
                ["providers"] = "DryRun",
                ["fixture"] = BenchApp.Sample,
                ["count"] = count,
                ["rate"] = rate,
                ["callsPerSecond"] = saturated.CallsPerSecond,
                ["p50WebhookAcceptMs"] = paced.P50AcceptMs,
                ["p99WebhookAcceptMs"] = paced.P99AcceptMs,
                ["maxWebhookAcceptMs"] = paced.MaxAcceptMs,
                ["callsPerSecondAtRate"] = paced.CallsPerSecond,
                ["achievedRate"] = paced.SendRate,
                ["p50CallMs"] = paced.P50CallMs,
                ["p99CallMs"] = paced.P99CallMs,
                ["saturationSenders"] = SaturationSenders,
                ["saturationP99WebhookAcceptMs"] = saturated.P99AcceptMs,
                ["failed"] = paced.Failed + saturated.Failed,
                ["storeWritesPerCall"] = Math.Round((double)writes / count, 1),
                ["storeCommitsPerCall"] = Math.Round((double)commits / count, 2),
                ["rawStoreCommitsPerSecond"] = Math.Round(rawCommits, 0),
                ["saturationAllocatedKbPerCall"] = Math.Round(allocated / 1024.0 / count, 0),
                ["saturationCpuMsPerCall"] = Math.Round(cpu.TotalMilliseconds / count, 2),
                ["saturationWriterBusyPercent"] = Math.Round(100 * writerShare, 0),
                ["saturationGcPauseMs"] = Math.Round(pause.TotalMilliseconds, 0),
                ["saturationGen2Collections"] = gen2,
                ["peakRssMb"] = EngineBenchmarkHost.PeakRssMb(),
                ["methodsJittedWhileMeasured"] = jitDuringMeasurement,
                ["processorCount"] = Environment.ProcessorCount,
            };
        }
    }

    /// <summary>Posts the calls (open loop at a rate, or from concurrent senders), approves each, waits for all to finish.</summary>
    private static async Task<PhaseFigures> RunPhaseAsync(BenchApp app, IReadOnlyList<(string Id, byte[] Body, string Signature)> calls, int? rate, TextWriter log, CancellationToken cancellationToken)
    {
        var accept = new double[calls.Count];
        var approvals = new Task[calls.Count];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (rate is { } perSecond)
        {
            var sends = new Task[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)perSecond);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var index = i;
                sends[i] = Task.Run(() => SendAsync(app, calls[index], accept, approvals, index, cancellationToken), cancellationToken);
            }

            await Task.WhenAll(sends);
        }
        else
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, SaturationSenders).Select(_ => Task.Run(
                async () =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < calls.Count)
                    {
                        await SendAsync(app, calls[index], accept, approvals, index, cancellationToken);
                    }
                },
                cancellationToken)));
        }

        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(approvals);
        var failed = 0;
        var finished = DateTimeOffset.MinValue;
        var durations = new double[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            var done = await app.Client.WaitForInstanceCompletionAsync(calls[i].Id, getInputsAndOutputs: true, timeout.Token);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<CallStatusSnapshot>()?.Stage != HandoffStage.Completed)
            {
                failed++;
            }

            finished = done.LastUpdatedAt > finished ? done.LastUpdatedAt : finished;
            durations[i] = (done.LastUpdatedAt - done.CreatedAt).TotalMilliseconds;
        }

        var seconds = (finished - started).TotalSeconds;
        Array.Sort(accept);
        Array.Sort(durations);
        var figures = new PhaseFigures(
            Math.Round(calls.Count / seconds, 1),
            Math.Round(calls.Count / sendSeconds, 1),
            Math.Round(HelloSequenceBenchmark.Percentile(accept, 0.50), 2),
            Math.Round(HelloSequenceBenchmark.Percentile(accept, 0.99), 2),
            Math.Round(accept[^1], 2),
            Math.Round(HelloSequenceBenchmark.Percentile(durations, 0.50), 1),
            Math.Round(HelloSequenceBenchmark.Percentile(durations, 0.99), 1),
            failed);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {calls.Count} calls done in {seconds:F2} s ({figures.CallsPerSecond} calls/s), sent at {figures.SendRate}/s, accept p50 {figures.P50AcceptMs} ms p99 {figures.P99AcceptMs} ms, call p50 {figures.P50CallMs} ms, not completed: {failed}"));
        return figures;
    }

    private static async Task SendAsync(BenchApp app, (string Id, byte[] Body, string Signature) call, double[] accept, Task[] approvals, int index, CancellationToken cancellationToken)
    {
        accept[index] = await app.PostWebhookAsync(call, cancellationToken);

        // Finance approves at once; the event waits in the instance until the handoff asks for it.
        approvals[index] = ApproveAsync(app.Http, call.Id, cancellationToken);
    }

    private static async Task ApproveAsync(HttpClient http, string callId, CancellationToken cancellationToken)
    {
        var decision = new FinanceApproval(true, Approver, "benchmark", DateTimeOffset.UtcNow);
        using var response = await http.PostAsJsonAsync(
            $"/runtime/webhooks/durabletask/instances/{callId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
            decision,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Approving {callId} answered {(int)response.StatusCode}.");
        }
    }

    private sealed record PhaseFigures(double CallsPerSecond, double SendRate, double P50AcceptMs, double P99AcceptMs, double MaxAcceptMs, double P50CallMs, double P99CallMs, int Failed);
}
