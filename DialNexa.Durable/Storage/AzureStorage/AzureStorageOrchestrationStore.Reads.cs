using System.Globalization;
using System.Text;
using System.Text.Json;
using DialNexa.Durable.Core;

namespace DialNexa.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool fetchInputsAndOutputs, CancellationToken cancellationToken)
    {
        var row = await _instances.GetAsync(instanceId, InstanceRowKey, cancellationToken);
        return row is null ? null : await ToRecordAsync(row, fetchInputsAndOutputs, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await _instances.QueryAsync($"PartitionKey eq '{Escape(instanceId)}' and RowKey le 'i'", cancellationToken);
        return await HistoryOfAsync(rows, cancellationToken) ?? [];
    }

    public async Task<OrchestrationState?> LoadOrchestrationStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        // Locked a moment ago with no history yet: the status row just read is all there is (its ETag guards the checkpoint).
        if (_unstarted.TryRemove(instanceId, out var unstarted))
        {
            return new OrchestrationState(await ToRecordAsync(unstarted, true, cancellationToken), []);
        }

        var rows = await _instances.QueryAsync($"PartitionKey eq '{Escape(instanceId)}' and RowKey le 'i'", cancellationToken);
        var instance = rows.FirstOrDefault(r => r.RowKey == InstanceRowKey);
        if (instance is null)
        {
            return null;
        }

        return new OrchestrationState(await ToRecordAsync(instance, true, cancellationToken), (await HistoryOfAsync(rows, cancellationToken))!);
    }

    /// <summary>The current execution's history: its chunk rows in order, as many events as the status row has committed.</summary>
    private async Task<IReadOnlyList<HistoryEvent>?> HistoryOfAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var instance = rows.FirstOrDefault(r => r.RowKey == InstanceRowKey);
        if (instance is null)
        {
            return null;
        }

        var prefix = $"h|{instance.GetString("X")}|";
        var length = instance.GetInt32("H") ?? 0;
        var history = new List<HistoryEvent>(length);
        foreach (var chunk in rows.Where(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse((await _codec.GetAsync(chunk, "E", cancellationToken))!);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                history.Add(DurableJson.DeserializeEvent(element.GetRawText()));
            }
        }

        if (history.Count < length)
        {
            throw new InvalidDataException($"Instance '{instance.PartitionKey}' has {history.Count} history events stored; its status row says {length}.");
        }

        return history.Count == length ? history : history[..length];
    }

    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var token = DecodeToken(query.ContinuationToken);
        var (rows, next) = await _instances.QueryPageAsync(InstanceFilter(query), pageSize, token, cancellationToken);
        var records = new List<InstanceRecord>(rows.Count);
        foreach (var row in rows)
        {
            records.Add(await ToRecordAsync(row, query.FetchInputsAndOutputs, cancellationToken));
        }

        return new InstancePage(records, next is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(next)));
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken)
    {
        var rows = await _deadLetters.QueryAsync("PartitionKey eq 'deadletter'", cancellationToken);
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new DeadLetter(r.GetString("Kind")!, r.GetString("InstanceId")!, r.GetString("Name"), r.GetInt32("DequeueCount") ?? 0, r.GetString("Reason")!, r.GetDateTime("At") ?? DateTime.MinValue))
            .ToList();
    }

    /// <summary>Payload rows are keyed by the key's UTF-8 bytes in upper-case hex, which keeps prefixes and their order: a key range.</summary>
    public async Task<IReadOnlyList<string>> ListPayloadKeysAsync(string prefix, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var low = PayloadKey(prefix);
        var filter = $"PartitionKey ge '{low}' and PartitionKey lt '{low}G'" + (after is null ? "" : $" and PartitionKey gt '{PayloadKey(after)}'");
        var limit = Math.Clamp(pageSize, 1, 1000);
        var keys = new List<string>();
        string? token = null;
        do
        {
            var (page, next) = await _payloads.QueryPageAsync(filter, limit - keys.Count, token, cancellationToken);
            foreach (var row in page)
            {
                // As for a read: a payload of a start or event whose batch never committed is not stored.
                if (row.GetString("O") is { } owner && await _instances.GetAsync(owner, "p|" + row.PartitionKey, cancellationToken) is null)
                {
                    continue;
                }

                keys.Add(Encoding.UTF8.GetString(Convert.FromHexString(row.PartitionKey)));
            }

            token = next;
        }
        while (token is not null && keys.Count < limit);
        return keys;
    }

    public async Task<ReadOnlyMemory<byte>?> GetPayloadAsync(string key, CancellationToken cancellationToken)
    {
        var row = await _payloads.GetAsync(PayloadKey(key), "", cancellationToken);
        if (row is null)
        {
            return null;
        }

        // Written for a start or an event whose batch never committed (its host died between the two writes): not stored.
        if (row.GetString("O") is { } owner && await _instances.GetAsync(owner, "p|" + PayloadKey(key), cancellationToken) is null)
        {
            return null;
        }

        if (row.GetBinary("B") is { } inline)
        {
            return inline;
        }

        return PayloadCodec.Decompress(await _codec.GetLargeAsync(row.GetString("L")!, cancellationToken));
    }

    private static string InstanceFilter(InstanceQuery query)
    {
        var filter = new StringBuilder("RowKey eq 'i'");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            filter.Append(" and (").Append(string.Join(" or ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"S eq {(int)s}")))).Append(')');
        }

        if (query.CreatedFrom is { } from)
        {
            filter.Append(CultureInfo.InvariantCulture, $" and C ge datetime'{from.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ}'");
        }

        if (query.CreatedTo is { } to)
        {
            filter.Append(CultureInfo.InvariantCulture, $" and C le datetime'{to.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffffffZ}'");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            filter.Append(CultureInfo.InvariantCulture, $" and PartitionKey ge '{Escape(query.InstanceIdPrefix)}' and PartitionKey lt '{Escape(query.InstanceIdPrefix)}\uffff'");
        }

        return filter.ToString();
    }

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.Contains('\n', StringComparison.Ordinal))
            {
                return text;
            }
        }
        catch (FormatException)
        {
            // Fall through.
        }

        throw new ArgumentException("The continuation token is not one this store issued.", nameof(token));
    }

    private async Task<InstanceRecord> ToRecordAsync(TableEntity row, bool fetchInputsAndOutputs, CancellationToken cancellationToken)
    {
        var failure = await _codec.GetAsync(row, "F", cancellationToken);
        var parent = row.GetString("P");
        return new InstanceRecord
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString("Name") ?? "",
            ExecutionId = row.GetString("X") ?? "",
            Status = (OrchestrationRuntimeStatus)(row.GetInt32("S") ?? 0),
            Input = fetchInputsAndOutputs ? await _codec.GetAsync(row, "In", cancellationToken) : null,
            Output = fetchInputsAndOutputs ? await _codec.GetAsync(row, "Out", cancellationToken) : null,
            CustomStatus = await _codec.GetAsync(row, "Cs", cancellationToken),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure),
            Parent = parent is null ? null : JsonSerializer.Deserialize<ParentInstance>(parent),
            CreatedAt = row.GetDateTime("C") ?? DateTime.MinValue,
            LastUpdatedAt = row.GetDateTime("U") ?? DateTime.MinValue,
            CompletedAt = row.GetDateTime("D"),
        };
    }
}
