using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// Random DialNexa deliveries for the property test: both schemes, every field DialNexa documents (and some it does not)
/// holding long, unicode, control-character, markup, sensitive-number, invalid-UTF-8 and lone-surrogate text, nested
/// objects and arrays, odd numbers, booleans and nulls; call IDs valid, reused (so later deliveries and late deliveries
/// happen), and invalid in every way. Seeded: the same seed gives the same bodies.
/// </summary>
internal sealed class HostileDeliveryGenerator(int seed)
{
    private static readonly string[] CallFields =
    [
        "direction", "type", "category", "category_id", "from_number", "to_number", "agent_id", "initiated_at", "duration_in_seconds", "duration",
        "transcript", "summary", "recording_url", "hangup_reason", "disconnection_reason", "post_call_analysis", "postcall_analysis", "call_transfer",
    ];

    private static readonly string[] AnalysisNames =
    [
        "intent", "customer_name", "customer_email", "email", "customer_phone", "account_number", "invoice_number", "payment_id", "subscription_id",
        "amount", "currency", "due_date", "payment_status", "refund_reason", "dispute_reason", "credit_request", "tax_region", "callback_requested",
        "next_step", "follow_up_deadline", "escalation_reason", "name",
    ];

    private static readonly string[] Intents = ["dispute_charge", "invoice_resend", "renewal_failure", "refund_request", "collections", "payment_method_change", "vip_blocker", "billing_address", "receipt", "other"];

    private static readonly string[] Pieces =
    [
        "I was charged twice for INV-20931, $249.00.", "My card is 4111 1111 1111 1111, cvv 737.", "four two four two four two four two four two four two four two four two",
        "the code on the back is three eight one", "SSN 123-45-6789", "routing 021000021 account 000123456789", "IBAN GB29NWBK60161331926819",
        "<!channel>", "<https://evil.example/approve|Approve here>", "*bold* _it_ ~x~ `code`", "<script>alert(1)</script>", "&amp; &lt;",
        "\u2028", "\u2029", "\u202E", "\u200B", "\uFEFF", "\u0000", "\r\n", "\t", "\u001B[31m", "😀👍🏽", "مرحبا", "דנה", "日本語", "é́", "I want a manager.",
        "call me back by Friday", "refund please", "dana.whitfield@example.com", "+14155550142", "USD\r\nBcc: x@evil.example", "%0d%0a", "../..", "{{x}}", "${jndi:x}",
    ];

    private readonly Random _random = new(seed);
    private readonly List<string> _usedIds = [];

    /// <summary>One delivery body, as bytes (it may be invalid UTF-8 or invalid JSON on purpose).</summary>
    public byte[] Next()
    {
        var roll = _random.NextDouble();
        var root = roll switch
        {
            < 0.78 => Current(),
            < 0.93 => Legacy(),
            < 0.96 => Obj(("message", Text()), ("timestamp", Text())),
            _ => Value(2),
        };
        var body = new List<byte>();
        Emit(body, root);
        if (_random.NextDouble() < 0.02 && body.Count > 2)
        {
            body.RemoveRange(body.Count / 2, body.Count - (body.Count / 2));
        }

        return [.. body];
    }

    private object Current()
    {
        var call = new List<KeyValuePair<object, object?>> { new("id", CallId()) };
        if (_random.NextDouble() < 0.9)
        {
            call.Add(new("status", _random.NextDouble() < 0.8 ? Pick(["completed", "completed", "hangup", "initiated"]) : Value(1)));
        }

        foreach (var field in CallFields.Where(_ => _random.NextDouble() < 0.55))
        {
            call.Add(new(field, FieldValue(field)));
        }

        if (_random.NextDouble() < 0.05)
        {
            call.Add(new("id", CallId()));
        }

        var eventType = _random.NextDouble() < 0.9 ? Pick(["call_ended", "call_ended", "call_ended", "transfer_completed", "call_initiated"]) : Value(1);
        var payload = new List<KeyValuePair<object, object?>> { new("call", _random.NextDouble() < 0.97 ? call : Value(2)) };
        if (_random.NextDouble() < 0.2)
        {
            payload.Add(new("call_transfer", FieldValue("call_transfer")));
        }

        return new List<KeyValuePair<object, object?>> { new("event_type", eventType), new("payload", _random.NextDouble() < 0.98 ? payload : Value(2)) };
    }

    private object Legacy()
    {
        var root = new List<KeyValuePair<object, object?>>
        {
            new("event", _random.NextDouble() < 0.9 ? Pick(["call.ended", "call.transcript_ready", "call.analysis_ready", "call.started"]) : Value(1)),
            new(_random.NextDouble() < 0.8 ? "session_id" : "call_id", CallId()),
        };
        foreach (var field in new[] { "workspace_id", "agent_id", "phone_number", "timestamp", "transcript", "summary", "recording_url", "analysis" }.Where(_ => _random.NextDouble() < 0.6))
        {
            root.Add(new(field, field == "analysis" ? FieldValue("post_call_analysis") : FieldValue(field)));
        }

        return root;
    }

    private object? CallId()
    {
        var roll = _random.NextDouble();
        if (roll < 0.35 && _usedIds.Count > 0)
        {
            return _usedIds[_random.Next(_usedIds.Count)];
        }

        if (roll < 0.8)
        {
            var id = "call_" + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()))[..10];
            _usedIds.Add(id);
            return id;
        }

        return _random.Next(16) switch
        {
            0 => "",
            1 => ".",
            2 => "..",
            3 => "@call",
            4 => "call/1",
            5 => new string('c', 300),
            6 => "call_\u2028x",
            7 => "call_\u202Ex",
            8 => "call_😀",
            9 => "4111111111111111",
            10 => 12345,
            11 => null,
            12 => Obj(("id", "x")),
            13 => new Raw("\"call_\\ud800\""u8.ToArray()),
            14 => new Raw([(byte)'"', (byte)'c', 0xC3, 0x28, (byte)'"']),
            _ => "call <!here> & co",
        };
    }

    private object? FieldValue(string field)
    {
        if (_random.NextDouble() < 0.2)
        {
            return Value(3);
        }

        return field switch
        {
            "transcript" => Transcript(),
            "post_call_analysis" or "postcall_analysis" => Analysis(),
            "call_transfer" => Obj(("destination", Text()), ("status", Text()), ("destination_id", Text())),
            "duration_in_seconds" or "duration" => _random.NextDouble() < 0.5 ? Number() : Text(),
            "initiated_at" or "timestamp" => _random.NextDouble() < 0.5 ? "2026-03-05T16:02:11.512Z" : Text(),
            "recording_url" => _random.NextDouble() < 0.5 ? "https://recordings.example.invalid/x.wav?sig=abc" : Text(),
            _ => Text(),
        };
    }

    private object? Transcript()
    {
        var turns = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => (object?)Obj(
            (Pick(["role", "speaker", "who"]), _random.NextDouble() < 0.8 ? Pick(["user", "assistant", "agent", "caller", "system"]) : Value(1)),
            (Pick(["content", "text", "message"]), _random.NextDouble() < 0.85 ? Text() : Value(2)))).ToList();
        var array = new List<object?>(turns);
        return _random.Next(4) switch
        {
            0 => Serialize(array),
            1 => array,
            2 => string.Join('\n', turns.Select((_, i) => (i % 2 == 0 ? "User: " : "Agent: ") + Plain())),
            _ => Text(),
        };
    }

    private object Analysis()
    {
        var fields = new List<KeyValuePair<object, object?>>();
        foreach (var name in AnalysisNames.Where(_ => _random.NextDouble() < 0.3))
        {
            fields.Add(new(name, name switch
            {
                "intent" when _random.NextDouble() < 0.7 => Pick(Intents),
                "customer_email" or "email" when _random.NextDouble() < 0.5 => "dana.whitfield@example.com",
                "amount" when _random.NextDouble() < 0.5 => _random.NextDouble() < 0.5 ? "249.00" : Number(),
                "currency" when _random.NextDouble() < 0.5 => Pick(["USD", "EUR", "NGN", "usd", "XXX"]),
                _ => _random.NextDouble() < 0.75 ? Text() : Value(2),
            }));
        }

        for (var i = _random.Next(0, 3); i > 0; i--)
        {
            fields.Add(new(Text(maxPieces: 2), Value(2)));
        }

        return fields;
    }

    private object? Value(int depth)
    {
        var roll = _random.Next(depth > 0 ? 7 : 5);
        return roll switch
        {
            0 => Text(),
            1 => Number(),
            2 => _random.NextDouble() < 0.5,
            3 => null,
            4 => Text(),
            5 => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(depth - 1)).ToList(),
            _ => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => new KeyValuePair<object, object?>(Text(maxPieces: 1), Value(depth - 1))).ToList(),
        };
    }

    private object Number() => _random.Next(8) switch
    {
        0 => 0,
        1 => -1,
        2 => long.MaxValue,
        3 => new Raw("1e308"u8.ToArray()),
        4 => new Raw("-0"u8.ToArray()),
        5 => new Raw("123456789012345678901234567890"u8.ToArray()),
        6 => 249.5,
        _ => _random.Next(-1000, 100000),
    };

    /// <summary>Text of a few pieces; now and then raw JSON that is not valid UTF-8 or holds a lone surrogate escape.</summary>
    private object Text(int maxPieces = 6)
    {
        var roll = _random.NextDouble();
        if (roll < 0.03)
        {
            return new Raw([(byte)'"', (byte)'a', 0xFF, 0xFE, (byte)'b', (byte)'"']);
        }

        if (roll < 0.05)
        {
            return new Raw("\"x\\udc00y\""u8.ToArray());
        }

        if (roll < 0.08)
        {
            return new string((char)_random.Next('a', 'z' + 1), _random.Next(2_000, 12_000));
        }

        return Plain(maxPieces);
    }

    private string Plain(int maxPieces = 6)
    {
        var text = new StringBuilder();
        for (var i = _random.Next(0, maxPieces + 1); i > 0; i--)
        {
            text.Append(Pick(Pieces)).Append(' ');
        }

        return text.ToString();
    }

    private T Pick<T>(T[] options) => options[_random.Next(options.Length)];

    private static List<KeyValuePair<object, object?>> Obj(params (string Name, object? Value)[] members) =>
        [.. members.Select(m => new KeyValuePair<object, object?>(m.Name, m.Value))];

    private static string Serialize(object? node)
    {
        var bytes = new List<byte>();
        Emit(bytes, node);
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void Emit(List<byte> output, object? node)
    {
        switch (node)
        {
            case null:
                output.AddRange("null"u8);
                break;
            case Raw raw:
                output.AddRange(raw.Bytes);
                break;
            case string text:
                output.AddRange(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text)));
                break;
            case bool flag:
                output.AddRange(flag ? "true"u8 : "false"u8);
                break;
            case int or long or double:
                output.AddRange(Encoding.UTF8.GetBytes(Convert.ToString(node, CultureInfo.InvariantCulture)!));
                break;
            case List<KeyValuePair<object, object?>> members:
                output.Add((byte)'{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Add((byte)',');
                    }

                    Emit(output, members[i].Key is Raw ? members[i].Key : members[i].Key.ToString());
                    output.Add((byte)':');
                    Emit(output, members[i].Value);
                }

                output.Add((byte)'}');
                break;
            case List<object?> items:
                output.Add((byte)'[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Add((byte)',');
                    }

                    Emit(output, items[i]);
                }

                output.Add((byte)']');
                break;
            default:
                throw new InvalidOperationException($"Cannot emit {node.GetType()}.");
        }
    }

    /// <summary>JSON text written as is (so it may be invalid UTF-8, or a string with a lone surrogate escape).</summary>
    private sealed record Raw(byte[] Bytes);
}
