using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>One storage table over REST (JSON, OData minimal metadata), with optimistic concurrency by ETag and entity group transactions.</summary>
internal sealed partial class StorageTable(HttpPipeline pipeline, Uri endpoint, string name)
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";

    public string Name => name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Post, "Tables");
        SetJson(message, Encoding.UTF8.GetBytes($"{{\"TableName\":\"{name}\"}}"));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        await SendAsync(message, cancellationToken, 201, 204, 409);
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Delete, $"Tables('{name}')");
        await SendAsync(message, cancellationToken, 204, 404);
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        var response = await SendAsync(message, cancellationToken, 200, 404);
        if (response.Status == 404)
        {
            return null;
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntity.FromJson(document.RootElement, response.Headers.ETag?.ToString());
    }

    /// <summary>Inserts; a <see cref="StorageRequestException"/> with 409 when the entity exists. Returns the new ETag.</summary>
    public async Task<string> InsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Post, name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, entity.ToJson());
        var response = await SendAsync(message, cancellationToken, 204, 201);
        return ETagOf(response);
    }

    public async Task<string> UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetJson(message, entity.ToJson());
        return ETagOf(await SendAsync(message, cancellationToken, 204));
    }

    /// <summary>Merges properties when <paramref name="etag"/> still matches (412 otherwise). Returns the new ETag.</summary>
    public async Task<string> MergeAsync(TableEntity entity, string etag, CancellationToken cancellationToken)
    {
        using var message = Message(new RequestMethod("MERGE"), EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", etag);
        SetJson(message, entity.ToJson());
        return ETagOf(await SendAsync(message, cancellationToken, 204));
    }

    public async Task<string> ReplaceAsync(TableEntity entity, string etag, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", etag);
        SetJson(message, entity.ToJson());
        return ETagOf(await SendAsync(message, cancellationToken, 204));
    }

    /// <summary>Deletes; false when the entity does not exist.</summary>
    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, string etag, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", etag);
        var response = await SendAsync(message, cancellationToken, 204, 404);
        return response.Status == 204;
    }

    /// <summary>One page of a query; the token is null on the last page (pages may be short, even empty, before it).</summary>
    public async Task<(IReadOnlyList<TableEntity> Entities, string? Continuation)> QueryPageAsync(string? filter, int? top, string? continuation, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Get, name + "()");
        if (filter is not null)
        {
            message.Request.Uri.AppendQuery("$filter", filter);
        }

        if (top is { } count)
        {
            message.Request.Uri.AppendQuery("$top", count.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            var bar = continuation.IndexOf('\n', StringComparison.Ordinal);
            message.Request.Uri.AppendQuery("NextPartitionKey", continuation[..bar]);
            if (bar + 1 < continuation.Length)
            {
                message.Request.Uri.AppendQuery("NextRowKey", continuation[(bar + 1)..]);
            }
        }

        var response = await SendAsync(message, cancellationToken, 200);
        var entities = new List<TableEntity>();
        using (var document = JsonDocument.Parse(response.Content.ToMemory()))
        {
            foreach (var element in document.RootElement.GetProperty("value").EnumerateArray())
            {
                entities.Add(TableEntity.FromJson(element, null));
            }
        }

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition))
        {
            next = nextPartition + "\n" + (response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) ? nextRow : "");
        }

        return (entities, next);
    }

    /// <summary>Every entity matching <paramref name="filter"/>, following continuations.</summary>
    public async Task<List<TableEntity>> QueryAsync(string? filter, CancellationToken cancellationToken)
    {
        var all = new List<TableEntity>();
        string? token = null;
        do
        {
            var (page, next) = await QueryPageAsync(filter, null, token, cancellationToken);
            all.AddRange(page);
            token = next;
        }
        while (token is not null);
        return all;
    }

    /// <summary>
    /// Runs an entity group transaction. The service answers 202 even when it fails, so each sub-response is read:
    /// on failure nothing was applied and a <see cref="StorageRequestException"/> names the failing operation.
    /// Returns the new ETags, one per operation (null for deletes).
    /// </summary>
    public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(TableBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var tableUrl = endpoint.AbsoluteUri.TrimEnd('/') + "/" + name;
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append("\r\n");
        body.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        var contentId = 1;
        foreach (var operation in batch.Operations)
        {
            body.Append("--").Append(changesetBoundary).Append("\r\n");
            body.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var entityUrl = tableUrl + EntityKeySuffix(operation.Entity.PartitionKey, operation.Entity.RowKey);
            var (verb, url, hasBody) = operation.Kind switch
            {
                TableOperationKind.Insert => ("POST", tableUrl, true),
                TableOperationKind.Upsert => ("PUT", entityUrl, true),
                TableOperationKind.Replace => ("PUT", entityUrl, true),
                TableOperationKind.Merge => ("MERGE", entityUrl, true),
                _ => ("DELETE", entityUrl, false),
            };
            body.Append(verb).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
            body.Append("Accept: application/json;odata=nometadata\r\n");
            body.Append("DataServiceVersion: 3.0\r\n");
            body.Append("Content-ID: ").Append(contentId++).Append("\r\n");
            if (operation.ETag is not null)
            {
                body.Append("If-Match: ").Append(operation.ETag).Append("\r\n");
            }

            if (hasBody)
            {
                if (operation.Kind == TableOperationKind.Insert)
                {
                    body.Append("Prefer: return-no-content\r\n");
                }

                body.Append("Content-Type: application/json\r\n\r\n");
                body.Append(Encoding.UTF8.GetString(operation.Entity.ToJson())).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n");
        body.Append("--").Append(batchBoundary).Append("--\r\n");

        using var message = Message(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString()));
        var response = await SendAsync(message, cancellationToken, 202);
        return ParseBatchResponse(response.Content.ToString(), batch.Count);
    }

    internal IReadOnlyList<string?> ParseBatchResponse(string text, int operations)
    {
        var statuses = StatusLine().Matches(text);
        if (statuses.Count == 0)
        {
            throw new StorageRequestException(502, null, $"Table '{name}': the batch response had no sub-responses.");
        }

        var etags = new List<string?>();
        for (var i = 0; i < statuses.Count; i++)
        {
            var status = int.Parse(statuses[i].Groups[1].Value, CultureInfo.InvariantCulture);
            var start = statuses[i].Index + statuses[i].Length;
            var part = text[start..(i + 1 < statuses.Count ? statuses[i + 1].Index : text.Length)];
            if (status >= 300)
            {
                var code = ErrorCode().Match(part) is { Success: true } c ? c.Groups[1].Value : null;
                int? index = ErrorIndex().Match(part) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
                if (index is null && ContentId().Match(part) is { Success: true } id)
                {
                    index = int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
                }

                throw new StorageRequestException(status, code, $"Table '{name}': a batch of {operations} operations was refused at operation {index?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {status} {code}.", index);
            }

            etags.Add(ETagHeader().Match(part) is { Success: true } e ? e.Groups[1].Value.Trim() : null);
        }

        if (statuses.Count != operations)
        {
            throw new StorageRequestException(502, null, $"Table '{name}': a batch of {operations} operations got {statuses.Count} sub-responses.");
        }

        return etags;
    }

    private static string EntityKeySuffix(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal))}',RowKey='{Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal))}')";

    private string EntityPath(string partitionKey, string rowKey) => name + EntityKeySuffix(partitionKey, rowKey);

    private static string ETagOf(Response response) => response.Headers.ETag?.ToString() ?? (response.Headers.TryGetValue("ETag", out var etag) ? etag : "*");

    private static void SetJson(HttpMessage message, byte[] json)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(json);
    }

    private HttpMessage Message(RequestMethod method, string path)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(endpoint);
        message.Request.Uri.AppendPath("/", escape: false);
        message.Request.Uri.AppendPath(path, escape: false);
        message.Request.Headers.SetValue("Accept", JsonAccept);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            var code = response.Headers.TryGetValue("x-ms-error-code", out var c) ? c : null;
            if (code is null && response.Content.ToMemory().Length > 0 && ErrorCode().Match(response.Content.ToString()) is { Success: true } m)
            {
                code = m.Groups[1].Value;
            }

            throw new StorageRequestException(response.Status, code, $"Table '{name}': {message.Request.Method} answered {response.Status} {code ?? response.ReasonPhrase}.");
        }

        return response;
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex("\"code\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex ErrorCode();

    [GeneratedRegex("\"value\"\\s*:\\s*\"(\\d+):")]
    private static partial Regex ErrorIndex();

    [GeneratedRegex(@"Content-ID:\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContentId();

    [GeneratedRegex(@"ETag:\s*([^\r\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ETagHeader();
}
