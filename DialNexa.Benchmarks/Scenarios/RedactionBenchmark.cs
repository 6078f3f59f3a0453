using System.Diagnostics;
using System.Text;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// redaction: single-thread throughput of the redactor over a realistic transcript mix, in MB/s per core. The corpus is
/// cut into calls of 40 turns and each call is redacted as one transcript, as the handoff does. Beside it, the same calls'
/// extraction (the redacted turns read for the finance context), also in MB/s of transcript per core.
/// </summary>
internal sealed class RedactionBenchmark : IBenchmarkScenario
{
    public string Name => "redaction";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var megabytes = options.Count ?? 16;
        var corpus = TranscriptCorpus.Build(megabytes * 1024 * 1024);
        var turns = corpus.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new TranscriptTurn(line.StartsWith("Agent", StringComparison.Ordinal) ? Speaker.Agent : Speaker.User, line)).ToList();
        var bytes = Encoding.UTF8.GetByteCount(corpus);
        var redactor = new TranscriptRedactor();
        var calls = turns.Chunk(40).Select(c => (IReadOnlyList<TranscriptTurn>)c).ToList();
        foreach (var call in calls.Take(100))
        {
            redactor.Redact(call);
        }

        var samples = new List<double>();
        var findings = 0;
        for (var round = 0; round < 5; round++)
        {
            findings = 0;
            var watch = Stopwatch.StartNew();
            foreach (var call in calls)
            {
                findings += redactor.Redact(call).Findings.Count;
            }

            watch.Stop();
            samples.Add(bytes / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds);
            await log.WriteLineAsync($"round {round + 1}: {samples[^1]:F1} MB/s");
        }

        samples.Sort();
        var extraction = await MeasureExtractionAsync(calls.Select(c => redactor.Redact(c).Turns).ToList(), bytes, log);
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["megabytes"] = Math.Round(bytes / 1024.0 / 1024.0, 1),
            ["turns"] = turns.Count,
            ["calls"] = calls.Count,
            ["findings"] = findings,
            ["megabytesPerSecond"] = Math.Round(samples[samples.Count / 2], 1),
            ["extractionMegabytesPerSecond"] = Math.Round(extraction, 1),
            ["threads"] = 1,
            ["processorCount"] = Environment.ProcessorCount,
        };
    }

    /// <summary>Median of 3 rounds of extracting every call's finance context from its redacted turns.</summary>
    private static async Task<double> MeasureExtractionAsync(List<IReadOnlyList<TranscriptTurn>> redactedCalls, int bytes, TextWriter log)
    {
        var extractor = new FinanceContextExtractor(Options.Create(new ExtractionOptions()));
        var started = new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);
        var calls = redactedCalls.Select((turns, i) => new RedactedCall
        {
            CallId = "bench_" + i,
            Direction = "inbound",
            CallerPhone = "+14155550142",
            StartedAt = started,
            Turns = [.. turns.Select(t => new RedactedTurn(t.Speaker.ToString(), t.Text.StartsWith("Agent: ", StringComparison.Ordinal) ? t.Text[7..] : t.Text.StartsWith("User: ", StringComparison.Ordinal) ? t.Text[6..] : t.Text))],
        }).ToList();
        foreach (var call in calls.Take(100))
        {
            extractor.Extract(call);
        }

        var samples = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var call in calls)
            {
                extractor.Extract(call);
            }

            watch.Stop();
            samples.Add(bytes / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds);
            await log.WriteLineAsync($"extraction round {round + 1}: {samples[^1]:F1} MB/s");
        }

        samples.Sort();
        return samples[1];
    }
}
