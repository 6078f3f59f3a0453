using System.Net.Http.Json;
using DialNexa.Benchmarks.App;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Benchmarks.Stores;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// call-handoff: the real app on loopback (embedded store, synchronous=FULL, dry-run providers), fed signed webhooks in
/// the dispute fixture's shape, one unique call ID each; finance approves each call through the management API as soon
/// as it is accepted (the event waits in the instance until the handoff asks). Warmed until the tiered JIT is quiet,
/// then two phases of <c>--count</c> calls (default 2,000): an open loop at <c>--rate</c> (default 200/s) for the accept
/// latency, and 64 concurrent senders for end-to-end throughput, CPU and allocation per call. Each phase lasts until
/// every call's handoff has completed.
/// </summary>
internal sealed class CallHandoffScenario : IBenchmarkScenario
{
    private const int SaturationSenders = 64;
    private const string Approver = "bench.finance@example.com";
    private const int WarmUpCalls = 300;
    private const int MaxWarmUpRounds = 8;
    private const int QuietWarmUpMethods = 100;

    public string Name => "call-handoff";

    public string Summary => "the real app: 2,000 signed webhooks at --rate (200/s), then 2,000 from 64 senders, finance approving each (calls/s, p99 accept)";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Options.Count ?? 2_000;
        var rate = run.Options.Rate ?? 200;
        var (synchronous, raw) = await SqliteCommitProbe.MeasureAsync(run);
        await using var app = await BenchApp.StartAsync(run.WorkDirectory, [$"--DialNexa:Approvals:Approvers:0:Email={Approver}"], run.Options.DurableTaskConfiguration, cancellationToken);

        // Steady state, as a long-running host is: both load shapes on calls that are not counted, until the JIT has
        // stopped recompiling hot methods.
        var rounds = 0;
        long jitted;
        do
        {
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunPhaseAsync(app, SignedCalls.Make(app.Template, BenchApp.WebhookSecret, $"warm{rounds}r", WarmUpCalls), rate, cancellationToken);
            await RunPhaseAsync(app, SignedCalls.Make(app.Template, BenchApp.WebhookSecret, $"warm{rounds}s", WarmUpCalls), rate: null, cancellationToken);
            await JitQuiescence.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        }
        while (++rounds < MaxWarmUpRounds && jitted > QuietWarmUpMethods);

        await run.LogAsync($"warmed: {rounds} rounds of {2 * WarmUpCalls} calls, {jitted} methods compiled in the last");
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();

        await run.LogAsync($"fixed rate: {count} calls at {rate}/s");
        using var serverAccept = new ServerRequestDurations(Functions.Webhooks.WebhookEndpoint.Route);
        serverAccept.Recording = true;
        var (storeBefore, appDataBefore, pacedCpuBefore, pacedPauseBefore, pacedGen0Before) = (app.OrchestrationStore, app.AppDataStore, Machine.CpuTime(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var paced = await RunPhaseAsync(app, SignedCalls.Make(app.Template, BenchApp.WebhookSecret, "rate", count), rate, cancellationToken);
        serverAccept.Recording = false;
        var pacedServerAccept = Percentiles.Summary(serverAccept.Take(), 2);
        var (pacedCpu, pacedPause, pacedGcs) = (Machine.CpuTime() - pacedCpuBefore, GC.GetTotalPauseDuration() - pacedPauseBefore, GC.CollectionCount(0) - pacedGen0Before);
        var store = app.OrchestrationStore.Since(storeBefore);
        var appData = app.AppDataStore;
        await run.LogAsync($"  {paced.Describe()}");

        await run.LogAsync($"saturation: {count} calls from {SaturationSenders} senders");
        var (allocatedBefore, pauseBefore, gen2Before, cpuBefore) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), GC.CollectionCount(2), Machine.CpuTime());
        var saturatedStore = app.OrchestrationStore;
        var clock = Stopwatch.StartNew();
        var saturated = await RunPhaseAsync(app, SignedCalls.Make(app.Template, BenchApp.WebhookSecret, "sat", count), rate: null, cancellationToken);
        var wall = clock.Elapsed;
        var (allocated, pause, gen2, cpu) = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before, Machine.CpuTime() - cpuBefore);
        var saturatedCounters = app.OrchestrationStore.Since(saturatedStore);
        await run.LogAsync($"  {saturated.Describe()}");

        return new Figures(Name, synchronous) { ["providers"] = "DryRun", ["fixture"] = BenchApp.Sample }
            .Add("count", count, 0)
            .Add("rate", rate, 0)
            .Add("callsPerSecond", saturated.CallsPerSecond, 1)
            .Add("p50WebhookAcceptMs", paced.Accept.P50, 2)
            .Add("p99WebhookAcceptMs", paced.Accept.P99, 2)
            .Add("maxWebhookAcceptMs", paced.Accept.Max, 2)
            .Add("p50WebhookAcceptServerMs", pacedServerAccept.P50, 2)
            .Add("p99WebhookAcceptServerMs", pacedServerAccept.P99, 2)
            .Add("achievedRate", paced.SendRate, 1)
            .Add("callsPerSecondAtRate", paced.CallsPerSecond, 1)
            .Add("p50CallMsAtRate", paced.Call.P50, 1)
            .Add("p99CallMsAtRate", paced.Call.P99, 1)
            .Add("saturationP99WebhookAcceptMs", saturated.Accept.P99, 2)
            .Add("failed", paced.Failed + saturated.Failed, 0)
            .Add("orchestrationWorkItemsPerCall", (double)store.WorkItems / count, 2)
            .Add("sessionEpisodesPerCall", (double)store.SessionBatches / count, 2)
            .Add("saturationWorkItemsPerCall", (double)saturatedCounters.WorkItems / count, 2)
            .Add("saturationSessionEpisodesPerCall", (double)saturatedCounters.SessionBatches / count, 2)
            .Add("orchestrationStoreWritesPerCall", (double)store.Writes / count, 1)
            .Add("orchestrationStoreCommitsPerCall", (double)store.Commits / count, 2)
            .Add("appDataWritesPerCall", (double)(appData.Writes - appDataBefore.Writes) / count, 1)
            .Add("appDataCommitsPerCall", (double)(appData.Commits - appDataBefore.Commits) / count, 2)
            .Add("cpuMsPerCallAtRate", pacedCpu.TotalMilliseconds / count, 2)
            .Add("gcPauseMsAtRate", pacedPause.TotalMilliseconds, 0)
            .Add("gcsAtRate", pacedGcs, 0)
            .Add("saturationCpuMsPerCall", cpu.TotalMilliseconds / count, 2)
            .Add("saturationAllocatedKbPerCall", allocated / 1024.0 / count, 0)
            .Add("saturationGcPauseMs", pause.TotalMilliseconds, 0)
            .Add("saturationGen2Collections", gen2, 0)
            .Add("saturationWriterBusyPercent", 100 * saturatedCounters.WriterBusy / wall, 0)
            .Add("methodsJittedWhileMeasured", System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore, 0)
            .Add("rawSqliteCommitsPerSecond", raw, 0);
    }

    /// <summary>Posts the calls (an open loop at <paramref name="rate"/>, or from concurrent senders), approves each, waits for all.</summary>
    private static async Task<PhaseFigures> RunPhaseAsync(BenchApp app, List<SignedCall> calls, int? rate, CancellationToken cancellationToken)
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
                var wait = TimeSpan.FromSeconds(i / (double)perSecond) - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var index = i;
                sends[i] = Task.Run(() => SendAsync(app, calls, index, accept, approvals, cancellationToken), cancellationToken);
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
                        await SendAsync(app, calls, index, accept, approvals, cancellationToken);
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
            var (instance, status) = await app.WaitForCallAsync(calls[i].Id, TimeSpan.FromMinutes(5), cancellationToken);
            if (status?.Stage != HandoffStage.Completed)
            {
                failed++;
            }

            finished = instance.LastUpdatedAt > finished ? instance.LastUpdatedAt : finished;
            durations[i] = (instance.LastUpdatedAt - instance.CreatedAt).TotalMilliseconds;
        }

        return new PhaseFigures(
            calls.Count / (finished - started).TotalSeconds,
            calls.Count / sendSeconds,
            Percentiles.Summary(accept, 2),
            Percentiles.Summary(durations, 1),
            failed);
    }

    private static async Task SendAsync(BenchApp app, List<SignedCall> calls, int index, double[] accept, Task[] approvals, CancellationToken cancellationToken)
    {
        accept[index] = await app.PostWebhookAsync(calls[index], cancellationToken);
        approvals[index] = ApproveAsync(app.Http, calls[index].Id, cancellationToken);
    }

    private static async Task ApproveAsync(HttpClient http, string callId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"/runtime/webhooks/durabletask/instances/{callId}/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
            new FinanceApproval(true, Approver, "benchmark", DateTimeOffset.UtcNow),
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Approving {callId} answered {(int)response.StatusCode}.");
        }
    }

    private sealed record PhaseFigures(double CallsPerSecond, double SendRate, (double P50, double P99, double Max) Accept, (double P50, double P99, double Max) Call, int Failed)
    {
        public string Describe() => FormattableString.Invariant(
            $"{CallsPerSecond:F1} calls/s end to end, sent at {SendRate:F1}/s, accept p50 {Accept.P50} ms p99 {Accept.P99} ms, call p50 {Call.P50} ms, not completed: {Failed}");
    }
}
