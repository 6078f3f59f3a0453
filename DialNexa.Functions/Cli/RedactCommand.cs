using System.Text;
using System.Text.Json;
using DialNexa.Functions.Json;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Cli;

/// <summary>
/// <c>redact [--json]</c>: reads a transcript on stdin ("Agent:/User:" lines, a JSON array of turns, or plain text) and
/// writes only the redacted text; with <c>--json</c>, the findings, suppression flags and extracted finance context.
/// For operators to try their own transcripts before launch.
/// </summary>
internal sealed class RedactCommand : ICliCommand
{
    public string Name => "redact";

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var json = args.Contains("--json");
        if (args.Any(a => a != "--json"))
        {
            await error.WriteLineAsync("redact: the only option is --json. Usage: redact [--json] < transcript.txt");
            return 2;
        }

        string text;
        try
        {
            text = input == Console.In ? await ReadStrictUtf8Async(Console.OpenStandardInput()) : await input.ReadToEndAsync();
        }
        catch (DecoderFallbackException ex)
        {
            await error.WriteLineAsync($"redact: the input is not valid UTF-8 (byte offset {ex.Index}). Convert it to UTF-8 first.");
            return 2;
        }

        var redactor = new TranscriptRedactor();
        var turns = TranscriptParser.ParseText(text);
        var lineShaped = turns.Count > 0 && turns.Any(t => t.Speaker != Speaker.Unknown);
        if (!json)
        {
            await output.WriteAsync(lineShaped && !text.TrimStart().StartsWith('[') ? RedactLines(redactor, text) : redactor.Redact(text).Text);
            return 0;
        }

        var result = redactor.Redact(turns.Count > 0 ? turns : [new TranscriptTurn(Speaker.Unknown, text)]);
        var call = new RedactedCall
        {
            CallId = "stdin",
            Turns = [.. result.Turns.Select(t => new RedactedTurn(t.Speaker.ToString(), t.Text))],
            StartedAt = DateTimeOffset.UtcNow,
        };
        var facts = new FinanceContextExtractor(Options.Create(new ExtractionOptions())).Extract(call);
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            turns = result.Turns,
            findings = result.Findings,
            flags = result.Flags,
            context = facts,
        }, AppJson.Options));
        return 0;
    }

    /// <summary>Keeps the caller's line layout: each line redacted, runs across lines still joined by turn.</summary>
    private static string RedactLines(TranscriptRedactor redactor, string text)
    {
        var lines = text.Split('\n');
        var turns = lines.Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            var speaker = colon is > 0 and < 20 ? TranscriptParser.SpeakerOf(l[..colon]) : Speaker.Unknown;
            return new TranscriptTurn(speaker, l);
        }).ToList();
        return string.Join('\n', redactor.Redact(turns).Turns.Select(t => t.Text));
    }

    private static async Task<string> ReadStrictUtf8Async(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        return await reader.ReadToEndAsync();
    }
}
