using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// The store's second codec for history events and task messages: UTF-8 JSON written with <see cref="Utf8JsonWriter"/>
/// and read with <see cref="Utf8JsonReader"/>, stored as a BLOB whose first byte is <see cref="FormatVersion"/>. Short
/// property names, times as UTC ticks, enums as numbers, null members left out (as the first codec did). It writes the
/// same members the first codec (<see cref="StoredJson"/>, Newtonsoft over the data contracts) writes, and reads them back
/// to the same objects; a value it does not represent (a <see cref="HistoryStateEvent"/>, failure properties that are
/// not strings, booleans or integers) makes <see cref="TryEncode(TaskMessage)"/> return null, and the row is written
/// with the first codec instead. Rows of both kinds live side by side: <see cref="StoredFormat"/> reads each by its kind.
/// </summary>
internal static partial class CompactJson
{
    /// <summary>The first byte of every blob this codec writes (JSON never starts with it).</summary>
    public const byte FormatVersion = 1;

    /// <summary>A buffer grown past this for one large value is not kept for the next one.</summary>
    private const int KeptBufferCapacity = 256 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Payloads are JSON text themselves: the relaxed encoder escapes only what JSON requires (quotes, backslashes,
        // control characters), not every non-ASCII or HTML-sensitive character.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The events as one blob, or null when one of them is of a kind this codec does not write.</summary>
    public static byte[]? TryEncode(IReadOnlyList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (!CanWrite(events[i]))
            {
                return null;
            }
        }

        return Encode(events, static (writer, value) =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < value.Count; i++)
            {
                WriteEvent(writer, value[i]);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>The message as one blob, or null when its event is of a kind this codec does not write.</summary>
    public static byte[]? TryEncode(TaskMessage message)
    {
        if (message.Event is { } e && !CanWrite(e))
        {
            return null;
        }

        return Encode(message, static (writer, value) => WriteMessage(writer, value));
    }

    public static List<HistoryEvent> DecodeEvents(ReadOnlySpan<byte> blob)
    {
        var reader = Open(blob);
        Expect(ref reader, JsonTokenType.StartArray);
        var events = new List<HistoryEvent>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            events.Add(ReadEvent(ref reader));
        }

        return events;
    }

    public static TaskMessage DecodeMessage(ReadOnlySpan<byte> blob)
    {
        var reader = Open(blob);
        Next(ref reader);
        return ReadMessage(ref reader);
    }

    private static byte[] Encode<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        try
        {
            buffer.GetSpan(1)[0] = FormatVersion;
            buffer.Advance(1);
            var writer = t_writer;
            if (writer is null)
            {
                writer = new Utf8JsonWriter(buffer, WriterOptions);
                t_writer = writer;
            }
            else
            {
                writer.Reset(buffer);
            }

            write(writer, value);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= KeptBufferCapacity)
            {
                t_writer?.Reset();
                buffer.ResetWrittenCount();
                t_buffer = buffer;
            }
            else
            {
                // The writer points at the grown buffer: both go, so neither keeps it alive.
                t_writer?.Dispose();
                t_writer = null;
            }
        }
    }

    private static Utf8JsonReader Open(ReadOnlySpan<byte> blob)
    {
        if (blob.Length == 0 || blob[0] != FormatVersion)
        {
            throw new InvalidDataException($"The SQLite orchestration store holds a value in format {(blob.Length == 0 ? "(empty)" : blob[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}, which this build does not read (it reads format {FormatVersion} and the first codec's text).");
        }

        return new Utf8JsonReader(blob[1..], new JsonReaderOptions { MaxDepth = 16 });
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw Malformed("it ends early");
        }

        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw Malformed($"{type} expected, {reader.TokenType} found");
        }
    }

    private static InvalidDataException Malformed(string why) =>
        new($"The SQLite orchestration store holds a malformed value: {why}.");
}
