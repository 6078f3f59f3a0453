using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DialNexa.DurableTask.Sqlite;

/// <summary>Instance queries, in pages ordered by creation time then instance ID.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>
    /// Instances matching <paramref name="query"/>: runtime statuses, created from/to (inclusive), instance-ID prefix,
    /// page size (1 to 1,000) and the continuation token of the previous page; inputs and outputs only when
    /// <see cref="OrchestrationQuery.FetchInputsAndOutputs"/>. Task hub names are ignored (one hub per file).
    /// </summary>
    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var sql = new StringBuilder($"SELECT {StateColumns} FROM instances WHERE created_at >= $from AND created_at <= $to");
        await using var connection = await OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$from", Ticks(query.CreatedTimeFrom ?? DateTime.MinValue));
        command.Parameters.AddWithValue("$to", Ticks(query.CreatedTimeTo ?? DateTime.MaxValue));
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND status IN ({string.Join(',', statuses.Select(s => (int)s))})");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // Instance IDs compare as UTF-8 bytes; U+10FFFF encodes above every character an ID can hold.
            sql.Append(" AND instance_id >= $prefix AND instance_id < $prefixEnd");
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
            command.Parameters.AddWithValue("$prefixEnd", query.InstanceIdPrefix + "\U0010FFFF");
        }

        if (query.ExcludeEntities)
        {
            sql.Append(" AND instance_id NOT LIKE '@%'");
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
        var page = new List<OrchestrationState>(pageSize);
        string? token = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (page.Count == pageSize)
            {
                var last = page[^1];
                token = EncodeToken(Ticks(last.CreatedTime), last.OrchestrationInstance.InstanceId);
                break;
            }

            page.Add(ReadState(reader, query.FetchInputsAndOutputs));
        }

        return new OrchestrationQueryResult(page, token);
    }

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
            // Reported below.
        }

        throw new ArgumentException("The continuation token is not one this store issued.", nameof(token));
    }
}
