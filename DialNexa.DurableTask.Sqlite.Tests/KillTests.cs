using System.Diagnostics;
using DialNexa.DurableTask.Sqlite.KillHost;
using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>
/// A host killed with SIGKILL mid-run loses nothing it acknowledged: a child process schedules instances and runs them,
/// is killed while activities run, and a second child process finishes every instance on the same file.
/// </summary>
public sealed class KillTests
{
    private const int Instances = 150;

    [Fact]
    public async Task Host_KilledMidRun_ASecondHostFinishesEveryInstanceWithEachEffectOnce()
    {
        var directory = TestHub.NewDirectory();
        var database = Path.Combine(directory, "kill.db");
        var effects = Path.Combine(directory, "effects");
        Directory.CreateDirectory(effects);

        using (var first = StartHost(database, effects, "--schedule", Instances.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (EffectCount(effects) < Instances && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(20);
            }

            if (first.HasExited)
            {
                Assert.Fail("The first host ended before it could be killed: " + await first.StandardError.ReadToEndAsync());
            }

            first.Kill(entireProcessTree: true); // SIGKILL
            await first.WaitForExitAsync();
        }

        var effectsAtKill = EffectCount(effects);
        using (var second = StartHost(database, effects, "--until-done"))
        {
            var exited = second.WaitForExitAsync();
            var finished = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(3)));
            Assert.True(finished == exited, "The second host did not finish the instances within 3 minutes.");
            if (second.ExitCode != 0)
            {
                Assert.Fail("The second host failed: " + await second.StandardError.ReadToEndAsync());
            }
        }

        await using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = database });
        var states = (await service.GetOrchestrationWithQueryAsync(new OrchestrationQuery { PageSize = 1000 }, CancellationToken.None)).OrchestrationState;

        Assert.InRange(effectsAtKill, 1, (Instances * KillTestWorkload.Steps) - 1);
        Assert.Equal(Instances, states.Count);
        Assert.All(states, s => Assert.Equal(OrchestrationStatus.Completed, s.OrchestrationStatus));
        Assert.All(states, s => Assert.Equal($"\"{KillTestWorkload.ExpectedOutput(s.OrchestrationInstance.InstanceId)}\"", s.Output));
        var expected = states.SelectMany(s => Enumerable.Range(1, KillTestWorkload.Steps).Select(step => $"{s.OrchestrationInstance.InstanceId}#{step}")).Order(StringComparer.Ordinal);
        var recorded = Directory.GetFiles(effects).Select(Path.GetFileName).Where(name => name != "reruns.log").Order(StringComparer.Ordinal).ToList();
        await service.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        Assert.Equal(expected, recorded);
    }

    private static int EffectCount(string effects) => Directory.GetFiles(effects).Length;

    private static Process StartHost(string database, string effects, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(KillTestWorkload).Assembly.Location, "--db", database, "--effects", effects }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
    }
}
