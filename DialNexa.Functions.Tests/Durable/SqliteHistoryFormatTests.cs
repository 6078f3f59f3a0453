using DialNexa.Durable;
using DialNexa.Durable.Core;
using Microsoft.Data.Sqlite;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The embedded store keeps one history row per episode; files written when each event had its own row still load.</summary>
public sealed class SqliteHistoryFormatTests
{
    [Fact]
    public async Task History_OneRowPerEpisode_AndRowsOfSingleEventsFromOlderFilesReadTheSame()
    {
        var directory = SqliteTestStore.Instance.NewLocation();
        IReadOnlyList<HistoryEvent> original;
        await using (var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(), directory))
        {
            var result = await host.RunAsync(nameof(HelloSequence), "Nairobi", "format-1");
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            original = await host.Client.GetHistoryAsync("format-1");
        }

        var path = Directory.GetFiles(directory, "*.db").Single();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal(6L, Scalar(connection, "SELECT count(*) FROM history WHERE instance_id = 'format-1'")); // six episodes
            Assert.Equal((long)original.Count, Scalar(connection, "SELECT history_length FROM instances WHERE instance_id = 'format-1'"));

            // Rewrite the history as an older file holds it: one TEXT row per event.
            Execute(connection, "DELETE FROM history WHERE instance_id = 'format-1'");
            for (var i = 0; i < original.Count; i++)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO history (instance_id, seq, event) VALUES ('format-1', $s, $e)";
                insert.Parameters.AddWithValue("$s", i);
                insert.Parameters.AddWithValue("$e", DurableJson.SerializeEvent(original[i]));
                insert.ExecuteNonQuery();
            }
        }

        SqliteConnection.ClearAllPools();
        await using (var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(), directory))
        {
            var reread = await host.Client.GetHistoryAsync("format-1");
            Assert.Equal(original.Select(e => (e.Type, e.EventId, e.Name, e.Data)), reread.Select(e => (e.Type, e.EventId, e.Name, e.Data)));
            var output = await host.Client.GetInstanceAsync("format-1", getInputsAndOutputs: true);
            Assert.Contains("Hello Nairobi", output!.SerializedOutput, StringComparison.Ordinal);
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
