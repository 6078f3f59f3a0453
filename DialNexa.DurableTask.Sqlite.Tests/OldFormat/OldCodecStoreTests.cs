using DialNexa.DurableTask.Sqlite.Tests.Hosting;
using DurableTask.Core;
using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Tests.OldFormat;

public sealed class OldCodecStoreTests
{
    [Fact]
    public async Task Open_StoreWrittenByTheFirstCodec_ReadsEveryRowAndFinishesEveryInstance()
    {
        var directory = TestHub.NewDirectory();
        var path = Path.Combine(directory, "old-codec.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "OldFormat", "old-codec.db"), path);
        try
        {
            await using (var hub = await TestHub.StartAsync(
                r => r.AddLegacyWorkload(),
                _ => new SqliteOrchestrationServiceSettings { DatabasePath = path, ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(2) },
                directory: directory))
            {
                var done = await hub.StateAsync("legacy-done");
                Assert.Equal(OrchestrationStatus.Completed, done.OrchestrationStatus);
                Assert.Equal("\"DONE\"", done.Output);
                Assert.Equal("acme", done.Tags["tenant"]);
                var history = await hub.Service.GetOrchestrationHistoryAsync("legacy-done", "");
                Assert.Contains("TaskCompletedEvent", history, StringComparison.Ordinal);

                var failed = await hub.StateAsync("legacy-failed");
                Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
                Assert.Contains("legacy failure for x", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);

                Assert.Equal("legacy-parent", (await hub.StateAsync("legacy-child")).ParentInstance.OrchestrationInstance.InstanceId);

                // The activity row is run again; the waiting instances replay their text history and get their event.
                await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "legacy-waiting" }, "Go", "now");
                await hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "legacy-child" }, "Go", "go");
                Assert.Equal("\"unblocked row\"", (await hub.WaitAsync(new OrchestrationInstance { InstanceId = "legacy-activity" })).Output);
                Assert.Equal("\"FIRST now\"", (await hub.WaitAsync(new OrchestrationInstance { InstanceId = "legacy-waiting" })).Output);
                Assert.Equal("\"parent child go\"", (await hub.WaitAsync(new OrchestrationInstance { InstanceId = "legacy-parent" })).Output);
                Assert.Equal("\"later early\"", (await hub.WaitAsync(new OrchestrationInstance { InstanceId = "legacy-scheduled" })).Output);
            }

            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA user_version"));
            Assert.Equal(["blob", "text"], await ColumnAsync(connection, "SELECT DISTINCT typeof(events) FROM history WHERE instance_id = 'legacy-waiting' ORDER BY 1"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
