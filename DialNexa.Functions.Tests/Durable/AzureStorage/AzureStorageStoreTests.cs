using Azure.Core;
using System.Runtime.CompilerServices;
using Azure.Core.Pipeline;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>What is particular to the Azure Storage store: its layout, large payloads, recovery of a checkpoint cut short, leases.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageStoreTests(AzuriteFixture azurite)
{
    private readonly AzuriteTestStore _store = new(azurite);

    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestrator<HelloSequence>().AddActivity<SayHello>()
        .AddOrchestrator<EchoThroughActivity>().AddActivity<Echo>()
        .AddOrchestrator<WaitForever>()
        .AddOrchestrator<CallRunOnceThenHook>().AddActivity<RunOnceThenHook>()
        .AddOrchestrator<CallGatedActivity>().AddActivity<GatedActivity>()
        .AddOrchestrator<CallHangOnce>().AddActivity<HangOnceActivity>();

    [Fact]
    public async Task Checkpoint_CompletedInstance_LeavesStatusAndHistoryInItsPartitionAndNoMessagesOrOutbox()
    {
        var hub = _store.NewLocation();
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: _store);
        var result = await host.RunAsync(nameof(HelloSequence), "Lagos", "layout-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);

        var rows = await Table(hub + "Instances").QueryAsync("PartitionKey eq 'layout-1'", CancellationToken.None);
        var status = Assert.Single(rows, r => r.RowKey == "i");
        Assert.Equal((int)OrchestrationRuntimeStatus.Completed, status.GetInt32("S"));
        var history = await host.Client.GetHistoryAsync("layout-1");
        Assert.Equal(history.Count, status.GetInt32("H"));
        Assert.Equal(6, rows.Count(r => r.RowKey.StartsWith("h|", StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("m|", StringComparison.Ordinal) || r.RowKey.StartsWith("o|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalActivity_HangingPastTheWorkItemVisibilityTimeout_IsHandedOutAgainAndTheInstanceCompletes()
    {
        var store = new FaultyTransportStore(azurite, new HttpClientTransport(), o => o with { WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(2) });
        await using var host = await DurableTestHost.StartAsync(Register, store.NewLocation(), store: store);
        try
        {
            var result = await host.RunAsync(nameof(CallHangOnce), "Accra", "hang-once-1");

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("again Accra", result.ReadOutputAs<string>());
            Assert.Equal(2, HangOnceActivity.Attempts["hang-once-1"]);
        }
        finally
        {
            HangOnceActivity.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task Purge_InstanceWithOutOfLineValues_DeletesTheirChunksToo()
    {
        var hub = _store.NewLocation();
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: _store);
        var bytes = new byte[150_000];
        new Random(11).NextBytes(bytes);
        var result = await host.RunAsync(nameof(EchoThroughActivity), Convert.ToBase64String(bytes), "large-purge");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.NotEmpty(await Table(hub + "Large").QueryAsync(null, CancellationToken.None));

        Assert.True(await host.Client.PurgeInstanceAsync("large-purge"));

        Assert.Empty(await Table(hub + "Instances").QueryAsync("PartitionKey eq 'large-purge'", CancellationToken.None));
        Assert.Empty(await Table(hub + "Large").QueryAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task DeletePayload_TooLargeForItsRow_DeletesTheOutOfLineChunks()
    {
        var hub = _store.NewLocation();
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: _store);
        var data = new byte[200_000];
        new Random(12).NextBytes(data);
        await host.Client.PutPayloadAsync(new DialNexa.Durable.Storage.StoredPayload("inbox:big", data));
        Assert.Equal(data, (await host.Client.GetPayloadAsync("inbox:big"))!.Value.ToArray());
        Assert.NotEmpty(await Table(hub + "Large").QueryAsync(null, CancellationToken.None));

        await host.Client.DeletePayloadAsync("inbox:big");

        Assert.Null(await host.Client.GetPayloadAsync("inbox:big"));
        Assert.Empty(await Table(hub + "Large").QueryAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task LargePayload_IsCompressedOutOfLine_AndRoundTripsThroughActivityAndHistory()
    {
        var hub = _store.NewLocation();
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: _store);
        var random = new Random(7);
        var bytes = new byte[150_000];
        random.NextBytes(bytes);
        var input = Convert.ToBase64String(bytes);
        var result = await host.RunAsync(nameof(EchoThroughActivity), input, "large-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(input.Length, result.ReadOutputAs<string>()!.Length);
        Assert.Equal(input, result.ReadOutputAs<string>());
        Assert.Equal(input, result.ReadInputAs<string>());
        var large = await Table(hub + "Large").QueryAsync(null, CancellationToken.None);
        Assert.NotEmpty(large);
        var status = (await Table(hub + "Instances").GetAsync("large-1", "i", CancellationToken.None))!;
        Assert.True(status.Has("InL"));
        Assert.False(status.Has("In"));
    }

    [Fact]
    public async Task Checkpoint_OutboxCannotBeCarriedOut_InstanceStillCompletesOnceTheQueueAnswers()
    {
        var hub = _store.NewLocation();
        var failures = 0;
        var transport = new FaultyTransport(request =>
            request.Method == RequestMethod.Post
            && request.Uri.Path.EndsWith("-workitems/messages", StringComparison.Ordinal)
            && Interlocked.Increment(ref failures) <= 10);
        var store = new FaultyTransportStore(azurite, transport, o => o with { LocalActivities = false });
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: store);
        var result = await host.RunAsync(nameof(HelloSequence), "Lagos", "outbox-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo", "Hello Seattle", "Hello London", "Hello Paris", "Hello Lagos"], result.ReadOutputAs<List<string>>());
        Assert.True(failures > 5, "The injected failures never happened.");
        var history = await host.Client.GetHistoryAsync("outbox-1");
        Assert.Equal(5, history.Count(e => e.Type == HistoryEventType.TaskScheduled));
        Assert.Equal(5, history.Count(e => e.Type == HistoryEventType.TaskCompleted));
    }

    [Fact]
    public async Task LocalActivity_HostLosesStorageBeforeTheResultIsCommitted_AnotherHostRunsItAgainAndTheInstanceCompletes()
    {
        var hub = _store.NewLocation();
        var dead = new StrongBox<bool>();
        var transport = new FaultyTransport(_ => Volatile.Read(ref dead.Value));
        var dying = new FaultyTransportStore(azurite, transport, o => o with
        {
            LeaseInterval = TimeSpan.FromSeconds(3),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
        });
        const string id = "local-crash-1";
        RunOnceThenHook.OnFirstRun[id] = () => Volatile.Write(ref dead.Value, true);
        await using var first = await DurableTestHost.StartAsync(Register, hub, store: dying);
        await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallRunOnceThenHook), "x", new StartOrchestrationOptions { InstanceId = id });

        // The first host ran the activity from memory and then lost storage: its result was never committed.
        for (var i = 0; i < 100 && !Volatile.Read(ref dead.Value); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Volatile.Read(ref dead.Value), "The activity never ran on the first host.");
        var rows = await Table(hub + "Instances").QueryAsync($"PartitionKey eq '{id}'", CancellationToken.None);
        Assert.Equal((int)OrchestrationRuntimeStatus.Running, Assert.Single(rows, r => r.RowKey == "i").GetInt32("S"));
        Assert.Single(rows, r => r.RowKey.StartsWith("o|", StringComparison.Ordinal));

        // The second host takes the expired leases, the hidden wake-up reappears, and the outbox goes out again.
        await using var second = await DurableTestHost.StartAsync(Register, hub, store: _store);
        var done = await second.WaitAsync(id, seconds: 60);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, done.ReadOutputAs<int>());
        Assert.Equal(2, RunOnceThenHook.Runs[id]);
        var history = await second.Client.GetHistoryAsync(id);
        Assert.Single(history, e => e.Type == HistoryEventType.TaskCompleted);
    }

    [Fact]
    public async Task LocalActivity_ResultArrivesWhileSuspended_IsKeptInStorageAndConsumedAfterResume()
    {
        var hub = _store.NewLocation();
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: _store);
        const string id = "local-suspend-1";
        var started = GatedActivity.Started.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var gate = GatedActivity.Gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallGatedActivity), "x", new StartOrchestrationOptions { InstanceId = id });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await host.Client.SuspendInstanceAsync(id, "hold");
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);

        // The result comes back from memory while the instance is suspended: it must wait in storage, not vanish.
        gate.TrySetResult();
        var table = Table(hub + "Instances");
        for (var i = 0; i < 100 && !(await table.QueryAsync($"PartitionKey eq '{id}'", CancellationToken.None)).Any(r => r.RowKey.StartsWith("m|r|", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(await table.QueryAsync($"PartitionKey eq '{id}'", CancellationToken.None), r => r.RowKey.StartsWith("m|r|", StringComparison.Ordinal));
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(id, "go");
        var done = await host.WaitAsync(id, seconds: 30);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("gated x", done.ReadOutputAs<string>());
    }

    private static async Task WaitForStatusAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await host.Client.GetInstanceAsync(id))?.RuntimeStatus == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{id} never became {status}.");
    }

    [Fact]
    public async Task StartWithPayloads_InstanceBatchFails_PayloadsWrittenBeforeItAreNotVisible()
    {
        var hub = _store.NewLocation();
        var transport = new FaultyTransport(request =>
            request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && request.Content is not null && BatchTouches(request, hub + "Instances"));
        await using var host = await DurableTestHost.StartAsync(Register, hub, store: new FaultyTransportStore(azurite, transport));
        var payloads = new[] { new DialNexa.Durable.Storage.StoredPayload("seen-1", new byte[] { 1 }) };

        // As if the host died between writing the payloads and committing the instance: the start never happened.
        await Assert.ThrowsAnyAsync<Exception>(() => host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(WaitForever), "x", new StartOrchestrationOptions { InstanceId = "payload-crash-1", Payloads = payloads }));
        Assert.NotEmpty(await Table(hub + "Payloads").QueryAsync(null, CancellationToken.None));
        Assert.Null(await host.Client.GetPayloadAsync("seen-1"));
        Assert.Null(await host.Client.GetInstanceAsync("payload-crash-1"));
    }

    private static bool BatchTouches(Request request, string table)
    {
        using var buffer = new MemoryStream();
        request.Content!.WriteTo(buffer, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return text.Contains("/" + table + "(", StringComparison.Ordinal) || text.Contains("/" + table + " ", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leases_TwoHostsOnOneHub_SplitThePartitionsAndShareTheWork()
    {
        var hub = _store.NewLocation();
        await using var first = await DurableTestHost.StartAsync(Register, hub, store: _store);
        await using var second = await DurableTestHost.StartAsync(Register, hub, store: _store);
        await AssertPartitionsSettleAsync([2, 2], first, second);
        var ids = Enumerable.Range(0, 20).Select(i => $"shared-{i}").ToList();
        foreach (var id in ids)
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), id, new StartOrchestrationOptions { InstanceId = id });
        }

        foreach (var id in ids)
        {
            var done = await second.WaitAsync(id, seconds: 60);
            Assert.Equal("Hello " + id, done.ReadOutputAs<List<string>>()![4]);
        }
    }

    [Fact]
    public async Task Leases_TwoHostsJoinAHostHoldingEverything_SettleAtTwoOneOneWithoutTradingBack()
    {
        var hub = _store.NewLocation();
        await using var holder = await DurableTestHost.StartAsync(Register, hub, store: _store);
        await AssertPartitionsSettleAsync([4], holder);
        await using var second = await DurableTestHost.StartAsync(Register, hub, store: _store);
        await using var third = await DurableTestHost.StartAsync(Register, hub, store: _store);

        await AssertPartitionsSettleAsync([2, 1, 1], holder, second, third);

        // Settled means settled: two more lease rounds later nobody has asked a lease away from anyone.
        var before = Holdings(holder, second, third);
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        Assert.Equal(before, Holdings(holder, second, third));
    }

    [Fact]
    public async Task Leases_AskerRunsThreeRoundsBeforeTheHolderRunsOne_GetsOneLeasePerRoundAndTheyMeetAtTwoTwo()
    {
        var hub = _store.NewLocation();
        await using var holder = OpenSteppedStore(hub);
        await holder.StartAsync(CancellationToken.None);
        Assert.Equal(4, holder.OwnedPartitions.Count);
        await using var asker = OpenSteppedStore(hub);
        await asker.StartAsync(CancellationToken.None);

        // A busy holder: the asker gets three rounds in before the holder's next. One open request at a time.
        await asker.BalanceLeasesAsync(CancellationToken.None);
        await asker.BalanceLeasesAsync(CancellationToken.None);
        await holder.BalanceLeasesAsync(CancellationToken.None);
        await asker.BalanceLeasesAsync(CancellationToken.None);
        Assert.Equal((3, 1), (holder.OwnedPartitions.Count, asker.OwnedPartitions.Count));

        await asker.BalanceLeasesAsync(CancellationToken.None);
        await holder.BalanceLeasesAsync(CancellationToken.None);
        await asker.BalanceLeasesAsync(CancellationToken.None);
        Assert.Equal((2, 2), (holder.OwnedPartitions.Count, asker.OwnedPartitions.Count));

        for (var round = 0; round < 3; round++)
        {
            await asker.BalanceLeasesAsync(CancellationToken.None);
            await asker.BalanceLeasesAsync(CancellationToken.None);
            await holder.BalanceLeasesAsync(CancellationToken.None);
        }

        Assert.Equal((2, 2), (holder.OwnedPartitions.Count, asker.OwnedPartitions.Count));
        Assert.Empty(holder.OwnedPartitions.Intersect(asker.OwnedPartitions));
    }

    /// <summary>A store whose lease rounds run only when the test calls them (its own loop would wait 200 s).</summary>
    private AzureStorageOrchestrationStore OpenSteppedStore(string hub) =>
        new(new AzureStorageStoreOptions
        {
            Account = azurite.Account,
            HubName = hub,
            PartitionCount = 4,
            LeaseInterval = TimeSpan.FromMinutes(10),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
        });

    /// <summary>Waits (up to 45 s, which a loaded CI machine needs) until the hosts' partition counts, largest first, are these, none held twice.</summary>
    private static async Task AssertPartitionsSettleAsync(int[] expected, params DurableTestHost[] hosts)
    {
        var stores = hosts.Select(h => (AzureStorageOrchestrationStore)h.Store).ToArray();
        bool Settled() => stores.Select(s => s.OwnedPartitions.Count).OrderDescending().SequenceEqual(expected);
        for (var i = 0; i < 225 && !Settled(); i++)
        {
            await Task.Delay(200);
        }

        Assert.True(Settled(), "Partitions did not settle: " + Holdings(hosts));
        Assert.Equal(stores.Sum(s => s.OwnedPartitions.Count), stores.SelectMany(s => s.OwnedPartitions).Distinct().Count());
    }

    private static string Holdings(params DurableTestHost[] hosts) =>
        string.Join("; ", hosts.Select((h, i) => $"host {i} holds [{string.Join(",", ((AzureStorageOrchestrationStore)h.Store).OwnedPartitions.Order())}]"));

    private StorageTable Table(string name) => new(StoragePipeline.Build(azurite.Account, StorageService.Table), azurite.Account.TableEndpoint, name);

    /// <summary>The Azurite store with a transport that fails chosen requests (as a network outage would).</summary>
    private sealed class FaultyTransportStore(AzuriteFixture azurite, HttpPipelineTransport transport, Func<AzureStorageStoreOptions, AzureStorageStoreOptions>? tune = null) : TestStore
    {
        public override string NewLocation() => "T" + Guid.NewGuid().ToString("N")[..16];

        internal override DialNexa.Durable.Storage.IOrchestrationStore Open(IServiceProvider services, DurableTaskOptions options, string location)
        {
            var settings = new AzureStorageStoreOptions { Account = azurite.Account, HubName = location, MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) };
            return new AzureStorageOrchestrationStore(
                tune is null ? settings : tune(settings),
                services.GetService<ILogger<AzureStorageOrchestrationStore>>(),
                transport);
        }
    }

    private sealed class FaultyTransport(Func<Request, bool> fail) : HttpPipelineTransport
    {
        private readonly HttpClientTransport _inner = new();

        public override Request CreateRequest() => _inner.CreateRequest();

        public override void Process(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (fail(message.Request))
            {
                throw new IOException("injected network failure");
            }

            _inner.Process(message);
        }

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (fail(message.Request))
            {
                throw new IOException("injected network failure");
            }

            return _inner.ProcessAsync(message);
        }
    }
}
