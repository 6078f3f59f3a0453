using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>
/// A timer its execution no longer waits for (an approval's twelve-hour timeout, when the approval came first) leaves the
/// file and memory when the execution ends, instead of staying until it would fire, only to be dropped.
/// </summary>
public sealed class EndedTimerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromHours(12);

    private static void AddApprovalOrTimeout(HubRegistry registry) => registry
        .Orchestration<int, string>("ApprovalOrTimeout", async (context, round) =>
        {
            string outcome;
            try
            {
                outcome = await context.WaitForExternalEvent<string>("Approval", Timeout);
            }
            catch (TaskCanceledException)
            {
                outcome = "timed out";
            }

            if (round == 0)
            {
                context.ContinueAsNew(1);
                return "continued";
            }

            return outcome;
        });

    [Fact]
    public async Task Complete_WhileItsTimeoutTimerIsHoursAway_DeletesTheTimer_AndARestartLoadsNone()
    {
        await using var hub = await TestHub.StartAsync(AddApprovalOrTimeout);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("ApprovalOrTimeout", "", "approved", 1);
        await WaitForTimersAsync(hub, expected: 1);

        await hub.Client.RaiseEventAsync(instance, "Approval", "approved");
        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"approved\"", state.Output);
        Assert.Equal(0L, await MessageRowsAsync(hub));
        await WaitForTimersAsync(hub, expected: 0);
        await hub.RestartAsync();
        Assert.Equal(0, hub.Service.PendingTimerCount);
    }

    [Fact]
    public async Task ContinueAsNew_DeletesTheOldExecutionsTimer_AndKeepsTheNewOnes()
    {
        await using var hub = await TestHub.StartAsync(AddApprovalOrTimeout);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync("ApprovalOrTimeout", "", "continued", 0);
        await WaitForTimersAsync(hub, expected: 1);
        var firstExecution = (await hub.StateAsync("continued")).OrchestrationInstance.ExecutionId;

        await hub.Client.RaiseEventAsync(instance, "Approval", "first");
        await hub.WaitUntilAsync("continued", s => s.OrchestrationInstance.ExecutionId != firstExecution && s.OrchestrationStatus == OrchestrationStatus.Running);
        await WaitForTimersAsync(hub, expected: 1);

        // The one timer left is the new execution's: approving it ends the instance, and nothing is left.
        await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "continued" }, "Approval", "second");
        var state = await hub.WaitAsync(new OrchestrationInstance { InstanceId = "continued" });
        Assert.Equal("\"second\"", state.Output);
        Assert.Equal(0L, await MessageRowsAsync(hub));
        await WaitForTimersAsync(hub, expected: 0);
    }

    /// <summary>
    /// Waits for the checkpoint that writes the timers and for their publication in memory, which follows the commit
    /// (the instance shows Running a little before either).
    /// </summary>
    private static async Task WaitForTimersAsync(TestHub hub, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long rows;
        while ((rows = await MessageRowsAsync(hub)) != expected || hub.Service.PendingTimerCount != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{rows} message rows and {hub.Service.PendingTimerCount} timers in memory, expected {expected}.");
            await Task.Delay(20);
        }
    }

    private static async Task<long> MessageRowsAsync(TestHub hub)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = hub.Service.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
