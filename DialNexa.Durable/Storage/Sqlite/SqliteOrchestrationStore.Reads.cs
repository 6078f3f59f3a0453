using System.Globalization;
using System.Text;
using System.Text.Json;
using DialNexa.Durable.Core;
using Microsoft.Data.Sqlite;

namespace DialNexa.Durable.Storage.Sqlite;

public sealed partial class SqliteOrchestrationStore
{
    private const string InstanceColumns = "instance_id, name, execution_id, status, input, output, custom_status, failure, parent, created_at, updated_at, completed_at";

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool fetchInputsAndOutputs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {InstanceColumns} FROM instances WHERE instance_id = $i";
        command.Parameters.AddWithValue("$i", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadInstance(reader, fetchInputsAndOutputs) : null;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await ReadHistoryAsync(connection, instanceId, cancellationToken);
    }

    public async Task<OrchestrationState?> LoadOrchestrationStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        InstanceRecord? instance;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT {InstanceColumns} FROM instances WHERE instance_id = $i";
            command.Parameters.AddWithValue("$i", instanceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            instance = await reader.ReadAsync(cancellationToken) ? ReadInstance(reader, fetchInputsAndOutputs: true) : null;
        }

        if (instance is null)
        {
            return null;
        }

        var history = await ReadHistoryAsync(connection, instanceId, cancellationToken, transaction);
        return new OrchestrationState(instance, history);
    }

    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var sql = new StringBuilder($"SELECT {InstanceColumns} FROM instances WHERE created_at >= $from AND created_at <= $to");
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$from", Ticks(query.CreatedFrom ?? DateTime.MinValue));
        command.Parameters.AddWithValue("$to", Ticks(query.CreatedTo ?? DateTime.MaxValue));
        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND status IN ({string.Join(',', statuses.Select(s => (int)s))})");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND instance_id >= $prefix AND instance_id < $prefixEnd");
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
            command.Parameters.AddWithValue("$prefixEnd", query.InstanceIdPrefix + '\uffff');
        }

        if (DecodeToken(query.ContinuationToken) is { } after)
        {
            sql.Append(" AND (created_at > $afterCreated OR (created_at = $afterCreated AND instance_id > $afterId))");
            command.Parameters.AddWithValue("$afterCreated", after.CreatedTicks);
            command.Parameters.AddWithValue("$afterId", after.InstanceId);
        }

        sql.Append(" ORDER BY created_at, instance_id LIMIT $limit");
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        command.CommandText = sql.ToString();
        var instances = new List<InstanceRecord>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? token = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (instances.Count == pageSize)
            {
                var last = instances[^1];
                token = EncodeToken(Ticks(last.CreatedAt), last.InstanceId);
                break;
            }

            instances.Add(ReadInstance(reader, query.FetchInputsAndOutputs));
        }

        return new InstancePage(instances, token);
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, instance_id, name, dequeue_count, reason, dead_lettered_at FROM dead_letters ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3), reader.GetString(4), FromTicks(reader.GetInt64(5))));
        }

        return result;
    }

    public async Task<ReadOnlyMemory<byte>?> GetPayloadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM payloads WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] data ? new ReadOnlyMemory<byte>(data) : (ReadOnlyMemory<byte>?)null;
    }

    public async Task<IReadOnlyList<string>> ListPayloadKeysAsync(string prefix, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Keys compare as UTF-8 bytes; U+10FFFF encodes above every character a key can hold.
        command.CommandText = "SELECT key FROM payloads WHERE key >= $low AND key < $high AND key > $after ORDER BY key LIMIT $limit";
        command.Parameters.AddWithValue("$low", prefix);
        command.Parameters.AddWithValue("$high", prefix + "\U0010FFFF");
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", Math.Clamp(pageSize, 1, 1000));
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("The embedded store has not been started.");
        }

        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(SqliteConnection connection, string instanceId, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT event FROM history WHERE instance_id = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<HistoryEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.AddRange(DurableJson.DeserializeEvents(reader.GetFieldValue<byte[]>(0)));
        }

        return history;
    }

    private static InstanceRecord ReadInstance(SqliteDataReader reader, bool fetchInputsAndOutputs) => new()
    {
        InstanceId = reader.GetString(0),
        Name = reader.GetString(1),
        ExecutionId = reader.GetString(2),
        Status = (OrchestrationRuntimeStatus)reader.GetInt32(3),
        Input = fetchInputsAndOutputs && !reader.IsDBNull(4) ? reader.GetString(4) : null,
        Output = fetchInputsAndOutputs && !reader.IsDBNull(5) ? reader.GetString(5) : null,
        CustomStatus = reader.IsDBNull(6) ? null : reader.GetString(6),
        Failure = reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<TaskFailureDetails>(reader.GetString(7)),
        Parent = reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<ParentInstance>(reader.GetString(8)),
        CreatedAt = FromTicks(reader.GetInt64(9)),
        LastUpdatedAt = FromTicks(reader.GetInt64(10)),
        CompletedAt = reader.IsDBNull(11) ? null : FromTicks(reader.GetInt64(11)),
    };

    private static string EncodeToken(long createdTicks, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(createdTicks.ToString(CultureInfo.InvariantCulture) + "|" + instanceId));

    private static (long CreatedTicks, string InstanceId)? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Fall through to the error below.
        }

        throw new ArgumentException("The continuation token is not one this store issued.", nameof(token));
    }
}
