using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// Keeps text properties within the table limits (64 KB per property, 1 MB per entity): short text is stored as is,
/// longer text gzipped into a binary property, and what is still too large goes out of line into the hub's
/// <c>Large</c> table in 60 KB chunks, written before the row that points at it so a reference never dangles.
/// </summary>
internal sealed class PayloadCodec(StorageTable large)
{
    public const int InlineChars = 30_000;

    private const int ChunkBytes = 60_000;

    public async Task SetAsync(TableEntity entity, string property, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length <= InlineChars)
        {
            entity.Set(property, text);
            return;
        }

        var compressed = Compress(Encoding.UTF8.GetBytes(text));
        if (compressed.Length <= ChunkBytes)
        {
            entity.Set(property + "Z", compressed);
            return;
        }

        entity.Set(property + "L", await PutLargeAsync(compressed, InstanceOwner(entity.PartitionKey), cancellationToken));
    }

    public async Task<string?> GetAsync(TableEntity entity, string property, CancellationToken cancellationToken)
    {
        if (entity.GetString(property) is { } plain)
        {
            return plain;
        }

        if (entity.GetBinary(property + "Z") is { } compressed)
        {
            return Encoding.UTF8.GetString(Decompress(compressed));
        }

        if (entity.GetString(property + "L") is { } key)
        {
            return Encoding.UTF8.GetString(Decompress(await GetLargeAsync(key, cancellationToken)));
        }

        return null;
    }

    /// <summary>Copies the stored form of a property (plain, compressed or reference) without decoding it.</summary>
    public static void CopyRaw(TableEntity from, TableEntity to, string property)
    {
        if (from.GetString(property) is { } plain)
        {
            to.Set(property, plain);
        }
        else if (from.GetBinary(property + "Z") is { } compressed)
        {
            to.Set(property + "Z", compressed);
        }
        else if (from.GetString(property + "L") is { } key)
        {
            to.Set(property + "L", key);
        }
    }

    /// <summary>The owner of an instance's out-of-line values (a hash: instance IDs may hold <c>|</c> and be long).</summary>
    public static string InstanceOwner(string instanceId) => "i" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId)));

    /// <summary>The owner of a stored payload's out-of-line value.</summary>
    public static string PayloadOwner(string payloadPartitionKey) => "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payloadPartitionKey)));

    /// <summary>
    /// Deletes every out-of-line value of an owner (<see cref="InstanceOwner"/>, <see cref="PayloadOwner"/>): their keys
    /// start with the owner and <c>|</c>, so one partition-range query finds them. Called once nothing points at them.
    /// </summary>
    public async Task DeleteOwnedAsync(string owner, CancellationToken cancellationToken)
    {
        var chunks = await large.QueryAsync($"PartitionKey ge '{owner}|' and PartitionKey lt '{owner}}}'", cancellationToken);
        foreach (var value in chunks.GroupBy(c => c.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var part in value.Chunk(TableBatch.MaxOperations))
            {
                var batch = new TableBatch();
                foreach (var chunk in part)
                {
                    batch.Delete(value.Key, chunk.RowKey);
                }

                try
                {
                    await large.ExecuteBatchAsync(batch, cancellationToken);
                }
                catch (StorageRequestException ex) when (ex.IsNotFound)
                {
                    // Another purge got there first.
                }
            }
        }
    }

    /// <summary>
    /// Stores bytes out of line and returns the key (the owner, <c>|</c>, a GUID): for rows and queue messages too big to
    /// carry their value. The owner's purge deletes them.
    /// </summary>
    public async Task<string> PutLargeAsync(byte[] data, string owner, CancellationToken cancellationToken)
    {
        var key = owner + "|" + Guid.NewGuid().ToString("N");
        var chunks = (data.Length + ChunkBytes - 1) / ChunkBytes;
        for (var first = 0; first < chunks; first += 50)
        {
            var batch = new TableBatch();
            for (var i = first; i < Math.Min(chunks, first + 50); i++)
            {
                var slice = data.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, data.Length - (i * ChunkBytes))).ToArray();
                batch.Upsert(new TableEntity(key, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Set("B", slice).Set("N", chunks));
            }

            await large.ExecuteBatchAsync(batch, cancellationToken);
        }

        return key;
    }

    public async Task<byte[]> GetLargeAsync(string key, CancellationToken cancellationToken)
    {
        var rows = await large.QueryAsync($"PartitionKey eq '{key.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        var ordered = rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0 || ordered[0].GetInt32("N") != ordered.Count)
        {
            throw new InvalidDataException($"The out-of-line payload '{key}' is incomplete ({ordered.Count} chunks).");
        }

        using var stream = new MemoryStream();
        foreach (var row in ordered)
        {
            stream.Write(row.GetBinary("B"));
        }

        return stream.ToArray();
    }

    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
