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
            object? instancesBefore;
            await using (var before = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await before.OpenAsync();
                instancesBefore = await ScalarAsync(before, "SELECT COUNT(*) FROM instances");
                Assert.Contains("WITHOUT ROWID", (string)(await ScalarAsync(before, "SELECT sql FROM sqlite_master WHERE name = 'instances'"))!, StringComparison.OrdinalIgnoreCase);
            }

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
            Assert.Equal(3L, await ScalarAsync(connection, "PRAGMA user_version"));

            // The instances moved out of the WITHOUT ROWID table the old file kept them in, indexes and all.
            var instancesTable = (string)(await ScalarAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'instances'"))!;
            Assert.DoesNotContain("WITHOUT ROWID", instancesTable, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["instances", "ix_instances_created", "ix_instances_status_created", "sqlite_autoindex_instances_1"], await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE tbl_name = 'instances' ORDER BY name"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%without_rowid%'"));
            Assert.Equal(instancesBefore, await ScalarAsync(connection, "SELECT COUNT(*) FROM instances"));
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
