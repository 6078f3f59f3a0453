using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>The provider with a started worker and a client, as the benchmarks run it (shims, 2 cores, no logging).</summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private BenchmarkHost(SqliteOrchestrationService service, TaskHubWorker worker)
    {
        Service = service;
        Worker = worker;
        Client = new TaskHubClient(service);
    }

    public SqliteOrchestrationService Service { get; }

    public TaskHubWorker Worker { get; }

    public TaskHubClient Client { get; }

    public static async Task<BenchmarkHost> StartAsync(BenchmarkOptions options, Action<HubRegistry> register)
    {
        var registry = new HubRegistry();
        register(registry);
        var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            DataDirectory = Path.Combine(options.WorkDirectory, "store"),
            TaskHubName = "Bench",
            Synchronous = options.Synchronous,
            MaxConcurrentOrchestrationWorkItems = options.Concurrency ?? 100,
            MaxConcurrentActivityWorkItems = options.Concurrency ?? 100,
        });
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations([.. registry.Orchestrations]);
        worker.AddTaskActivities([.. registry.Activities]);
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        return new BenchmarkHost(service, worker);
    }

    public async Task<List<OrchestrationState>> AllInstancesAsync(OrchestrationStatus? status = null, int max = int.MaxValue)
    {
        var all = new List<OrchestrationState>();
        string? token = null;
        do
        {
            var page = await Service.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { PageSize = 1000, ContinuationToken = token, FetchInputsAndOutputs = false, RuntimeStatus = status is { } s ? [s] : null },
                CancellationToken.None);
            all.AddRange(page.OrchestrationState);
            token = page.ContinuationToken;
        }
        while (token is not null && all.Count < max);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(isForced: true);
        Worker.Dispose();
        await Service.DisposeAsync();
    }
}
