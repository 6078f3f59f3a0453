using System.Globalization;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Json;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Cli;

/// <summary>
/// <c>redact [--json [--at TIME] [--zone ZONE]]</c>: reads a transcript on stdin ("Agent:/User:" lines, a JSON array of
/// turns, or plain text), redacts it exactly as the webhook path does (the same parser, the same turn-aware redactor, so a
/// number read across turns goes in every shape), and writes it back in its own shape with only the removed values
/// changed. With <c>--json</c>: the redacted turns, the findings, the suppression flags and the extracted finance context,
/// with relative deadlines ("by Friday") read against <c>--at</c> in <c>--zone</c>. For operators to try their own
/// transcripts before launch.
/// </summary>
internal sealed class RedactCommand : ICliCommand
{
    private const string Usage = "Usage: redact [--json [--at <ISO 8601 time>] [--zone <IANA zone>]] < transcript.txt";

    public string Name => "redact";

    public string Summary => "redact a transcript from standard input, as the webhook path does";

    public string Help => """
        Usage: redact [--json [--at <ISO 8601 time>] [--zone <IANA zone>]] < transcript.txt

        Reads a transcript on standard input ("Agent:/User:" lines, a JSON array of turns, or plain text), removes card,
        bank and tax numbers (also when spoken as words) exactly as the webhook path does, and writes it back in its
        own shape.

        Options:
          --json          print the redacted turns, what was found, and the finance context extracted from them
          --at TIME       when the call took place, for deadlines such as "by Friday" (with --json; default now)
          --zone ZONE     the IANA zone TIME and deadlines are read in, such as America/New_York (with --json)

        Exit codes: 0 printed; 2 wrong option or input that is not UTF-8.
        """;

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (ParseArguments(args) is not { } arguments)
        {
            return await FailAsync(error, $"redact: unknown or incomplete option. {Usage}");
        }

        if (!arguments.Json && (arguments.At is not null || arguments.Zone is not null))
        {
            return await FailAsync(error, $"redact: --at and --zone set the call's time for the finance context, which only --json prints. {Usage}");
        }

        var zone = TimeZoneInfo.Utc;
        if (arguments.Zone is { } zoneId && !TryFindZone(zoneId, out zone))
        {
            return await FailAsync(error, $"redact: --zone '{zoneId}' is not a known time zone; use an IANA name such as Europe/London or Africa/Lagos.");
        }

        DateTimeOffset? at = null;
        if (arguments.At is { } atText && (at = ParseCallTime(atText, zone)) is null)
        {
            return await FailAsync(error, $"redact: --at '{atText}' is not an ISO 8601 time; write it like 2026-03-05T16:02:11Z, 2026-03-05T16:02:11-05:00, or 2026-03-05T16:02 (read in --zone).");
        }

        string text;
        try
        {
            text = input == Console.In ? await ReadStrictUtf8Async(Console.OpenStandardInput()) : await input.ReadToEndAsync();
        }
        catch (DecoderFallbackException ex)
        {
            return await FailAsync(error, $"redact: the input is not valid UTF-8 (byte offset {ex.Index}). Convert it to UTF-8 first.");
        }

        var options = Options.Create(new ExtractionOptions { TimeZone = arguments.Zone ?? "UTC" });
        var redaction = new DialNexaCallRedactor(new TranscriptRedactor(), options).RedactWithFindings(new DialNexaCall
        {
            CallId = "stdin",
            EventName = "redact",
            Status = "completed",
            StartedAt = at ?? DateTimeOffset.UtcNow,
            TranscriptJson = RedactedTranscriptRenderer.AsDelivered(text),
        });
        if (!arguments.Json)
        {
            await output.WriteAsync(RedactedTranscriptRenderer.Render(text, redaction.Call.Turns, redaction.TranscriptFindings));
            return 0;
        }

        var facts = new FinanceContextExtractor(options).Extract(redaction.Call);
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            turns = redaction.Call.Turns,
            findings = redaction.TranscriptFindings,
            flags = redaction.Call.Suppression,
            redactions = redaction.Call.Redactions,
            callStartedAt = redaction.Call.StartedAt,
            timeZone = zone.Id,
            context = facts,
        }, AppJson.Options));
        return 0;
    }

    private static (bool Json, string? At, string? Zone)? ParseArguments(string[] args)
    {
        var (json, at, zone) = (false, (string?)null, (string?)null);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--at" when i + 1 < args.Length && at is null:
                    at = args[++i];
                    break;
                case "--zone" when i + 1 < args.Length && zone is null:
                    zone = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return (json, at, zone);
    }

    /// <summary>An ISO 8601 time; without an offset it is a wall-clock time in the zone.</summary>
    private static DateTimeOffset? ParseCallTime(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, zone.GetUtcOffset(parsed))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return ExitCodes.Usage;
    }

    private static async Task<string> ReadStrictUtf8Async(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        return await reader.ReadToEndAsync();
    }
}
