using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>
/// The provider under a real <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/>, on a store file in a temp
/// folder (kept across <see cref="RestartAsync"/>, deleted at dispose).
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly HubRegistry _registry;
    private readonly Func<string, SqliteOrchestrationServiceSettings> _settings;
    private readonly bool _ownsDirectory;

    private TestHub(string directory, HubRegistry registry, Func<string, SqliteOrchestrationServiceSettings> settings, bool ownsDirectory)
    {
        Directory = directory;
        _registry = registry;
        _settings = settings;
        _ownsDirectory = ownsDirectory;
    }

    public string Directory { get; }

    public SqliteOrchestrationService Service { get; private set; } = null!;

    public TaskHubWorker Worker { get; private set; } = null!;

    public TaskHubClient Client { get; private set; } = null!;

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dtsqlite-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public static SqliteOrchestrationServiceSettings DefaultSettings(string directory) => new()
    {
        DataDirectory = directory,
        TaskHubName = "TestHub",
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<TestHub> StartAsync(
        Action<HubRegistry> register,
        Func<string, SqliteOrchestrationServiceSettings>? settings = null,
        bool startWorker = true,
        string? directory = null,
        Action<TaskHubWorker>? configureWorker = null)
    {
        var registry = new HubRegistry();
        register(registry);
        var hub = new TestHub(directory ?? NewDirectory(), registry, settings ?? DefaultSettings, ownsDirectory: directory is null);
        await hub.OpenAsync(startWorker, configureWorker);
        return hub;
    }

    /// <summary>Stops the worker and closes the store, then opens a new service on the same file, as a restarted host would.</summary>
    public async Task RestartAsync(Action<TaskHubWorker>? configureWorker = null)
    {
        await CloseAsync();
        await OpenAsync(startWorker: true, configureWorker);
    }

    public async Task StartWorkerAsync() => await Worker.StartAsync();

    public async Task<OrchestrationState> WaitAsync(OrchestrationInstance instance, int seconds = 30)
    {
        var state = await Client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(seconds));
        Assert.True(state is not null, $"Instance {instance.InstanceId} did not end within {seconds} s.");
        return state;
    }

    /// <summary>The instance's state, which must exist.</summary>
    public async Task<OrchestrationState> StateAsync(string instanceId)
    {
        var state = await Client.GetOrchestrationStateAsync(instanceId);
        Assert.True(state is not null, $"Instance {instanceId} does not exist.");
        return state;
    }

    /// <summary>Polls the state until <paramref name="condition"/> holds (for states that are not ends, like Running or Suspended).</summary>
    public async Task<OrchestrationState> WaitUntilAsync(string instanceId, Func<OrchestrationState, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var state = await Client.GetOrchestrationStateAsync(instanceId);
            if (state is not null && condition(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Instance {instanceId} did not reach the expected state within {seconds} s (now {state?.OrchestrationStatus.ToString() ?? "missing"}).");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (_ownsDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind harms nothing.
            }
        }
    }

    private async Task OpenAsync(bool startWorker, Action<TaskHubWorker>? configureWorker)
    {
        Service = new SqliteOrchestrationService(_settings(Directory));
        Worker = new TaskHubWorker(Service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        Worker.AddTaskOrchestrations([.. _registry.Orchestrations]);
        Worker.AddTaskActivities([.. _registry.Activities]);
        configureWorker?.Invoke(Worker);
        Client = new TaskHubClient(Service);
        await Service.CreateIfNotExistsAsync();
        if (startWorker)
        {
            await Worker.StartAsync();
        }
    }

    private async Task CloseAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync(isForced: true);
            Worker.Dispose();
        }

        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
