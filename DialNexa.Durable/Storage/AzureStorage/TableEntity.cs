using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// A table entity: keys, ETag and typed properties (string, Int32, Int64, DateTime, binary, bool). Read back with
/// <c>odata=nometadata</c>, so readers ask for the type they wrote.
/// </summary>
internal sealed class TableEntity(string partitionKey, string rowKey)
{
    private readonly Dictionary<string, object?> _written = new(StringComparer.Ordinal);
    private Dictionary<string, JsonElement>? _read;

    public string PartitionKey { get; } = partitionKey;

    public string RowKey { get; } = rowKey;

    public string? ETag { get; set; }

    public TableEntity Set(string name, object? value)
    {
        _written[name] = value;
        return this;
    }

    public bool Has(string name) => _written.ContainsKey(name) || (_read?.TryGetValue(name, out var v) == true && v.ValueKind != JsonValueKind.Null);

    public string? GetString(string name) => _written.TryGetValue(name, out var v)
        ? v as string
        : _read?.TryGetValue(name, out var e) == true && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    public int? GetInt32(string name) => _written.TryGetValue(name, out var v)
        ? v as int?
        : _read?.TryGetValue(name, out var e) == true && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;

    public long? GetInt64(string name) => _written.TryGetValue(name, out var v)
        ? v as long?
        : _read?.TryGetValue(name, out var e) == true ? e.ValueKind switch
        {
            JsonValueKind.String => long.Parse(e.GetString()!, CultureInfo.InvariantCulture),
            JsonValueKind.Number => e.GetInt64(),
            _ => null,
        } : null;

    public DateTime? GetDateTime(string name) => _written.TryGetValue(name, out var v)
        ? v as DateTime?
        : _read?.TryGetValue(name, out var e) == true && e.ValueKind == JsonValueKind.String
            ? DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;

    public byte[]? GetBinary(string name) => _written.TryGetValue(name, out var v)
        ? v as byte[]
        : _read?.TryGetValue(name, out var e) == true && e.ValueKind == JsonValueKind.String ? Convert.FromBase64String(e.GetString()!) : null;

    /// <summary>The entity as the JSON body of an insert or update (keys included).</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", PartitionKey);
            writer.WriteString("RowKey", RowKey);
            foreach (var (name, value) in _written)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case int i:
                        writer.WriteNumber(name, i);
                        break;
                    case long l:
                        writer.WriteString(name + "@odata.type", "Edm.Int64");
                        writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateTime d:
                        writer.WriteString(name + "@odata.type", "Edm.DateTime");
                        writer.WriteString(name, d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                        break;
                    case byte[] b:
                        writer.WriteString(name + "@odata.type", "Edm.Binary");
                        writer.WriteBase64String(name, b);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    default:
                        throw new ArgumentException($"Property '{name}' has a type tables do not store: {value.GetType().Name}.");
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity FromJson(JsonElement element, string? etag)
    {
        var entity = new TableEntity(element.GetProperty("PartitionKey").GetString()!, element.GetProperty("RowKey").GetString()!)
        {
            ETag = etag ?? (element.TryGetProperty("odata.etag", out var tag) ? tag.GetString() : null),
            _read = [],
        };
        foreach (var property in element.EnumerateObject())
        {
            entity._read[property.Name] = property.Value.Clone();
        }

        return entity;
    }
}
