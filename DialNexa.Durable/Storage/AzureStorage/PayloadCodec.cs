using System.IO.Compression;
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

        entity.Set(property + "L", await PutLargeAsync(compressed, cancellationToken));
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

    /// <summary>Stores bytes out of line and returns the key; for queue messages too big to carry their body.</summary>
    public async Task<string> PutLargeAsync(byte[] data, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
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
        var rows = await large.QueryAsync($"PartitionKey eq '{key}'", cancellationToken);
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
