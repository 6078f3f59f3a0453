using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DialNexa.DurableTask.Sqlite.KillHost;

/// <summary>
/// The kill test's workload, run by this child process: instances of five steps in sequence, each step an
/// activity whose effect is a file named by instance and step, created once (a re-run after a crash finds it there).
/// </summary>
public static class KillTestWorkload
{
    public const string Orchestration = "FiveSteps";
    public const string Step = "RecordStep";
    public const int Steps = 5;

    public static string ExpectedOutput(string instanceId) =>
        string.Join(" then ", Enumerable.Range(1, Steps).Select(step => $"{instanceId}#{step}"));

    private static ObjectCreator<TaskOrchestration> Workflow()
    {
        var shims = DurableTaskShimFactory.Default;
        return new NamedCreator<TaskOrchestration>(Orchestration, () => shims.CreateOrchestration(new TaskName(Orchestration), async (TaskOrchestrationContext context, string? _) =>
        {
            var done = new List<string>();
            for (var step = 1; step <= Steps; step++)
            {
                done.Add(await context.CallActivityAsync<string>(Step, $"{context.InstanceId}#{step}") ?? "");
            }

            return string.Join(" then ", done);
        }));
    }

    private static ObjectCreator<TaskActivity> RecordStep(string effectsDirectory)
    {
        var shims = DurableTaskShimFactory.Default;
        return new NamedCreator<TaskActivity>(Step, () => shims.CreateActivity(new TaskName(Step), async (TaskActivityContext _, string? key) =>
        {
            await Task.Delay(5);
            try
            {
                await using var effect = new FileStream(Path.Combine(effectsDirectory, key!), FileMode.CreateNew, FileAccess.Write);
                effect.WriteByte(1);
                effect.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(Path.Combine(effectsDirectory, key!)))
            {
                // Ran before the crash: the effect is there once already.
                await File.AppendAllTextAsync(Path.Combine(effectsDirectory, "reruns.log"), key + Environment.NewLine);
            }

            return key;
        }));
    }

    /// <summary>
    /// The child's main: opens the store, optionally schedules instances, runs the worker; with untilDone, exits once no
    /// instance is Pending or Running.
    /// </summary>
    public static async Task<int> HostAsync(string databasePath, string effectsDirectory, int schedule, bool untilDone)
    {
        await using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            DatabasePath = databasePath,
            MaxConcurrentActivityWorkItems = 4,
            MaxConcurrentOrchestrationWorkItems = 20,
        });
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(Workflow());
        worker.AddTaskActivities(RecordStep(effectsDirectory));
        var client = new TaskHubClient(service);
        await service.CreateIfNotExistsAsync();
        for (var i = 0; i < schedule; i++)
        {
            await client.CreateOrchestrationInstanceAsync(Orchestration, "", $"kill-{i:D4}", "go");
        }

        await worker.StartAsync();
        Console.WriteLine("worker started");
        while (true)
        {
            await Task.Delay(100);
            if (!untilDone)
            {
                continue;
            }

            var open = await service.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Pending, OrchestrationStatus.Running], PageSize = 1 },
                CancellationToken.None);
            if (open.OrchestrationState.Count == 0)
            {
                break;
            }
        }

        await worker.StopAsync(isForced: true);
        worker.Dispose();
        Console.WriteLine("all instances ended");
        return 0;
    }
}
