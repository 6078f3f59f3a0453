using System.Diagnostics;
using System.Text;
using DialNexa.Functions.Redaction;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// redaction: single-thread throughput of the redactor over a realistic transcript mix, in MB/s per core. The corpus is
/// cut into calls of 40 turns and each call is redacted as one transcript, as the handoff does.
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
        return new Dictionary<string, object?>
        {
            ["scenario"] = Name,
            ["megabytes"] = Math.Round(bytes / 1024.0 / 1024.0, 1),
            ["turns"] = turns.Count,
            ["calls"] = calls.Count,
            ["findings"] = findings,
            ["megabytesPerSecond"] = Math.Round(samples[samples.Count / 2], 1),
            ["threads"] = 1,
            ["processorCount"] = Environment.ProcessorCount,
        };
    }
}
