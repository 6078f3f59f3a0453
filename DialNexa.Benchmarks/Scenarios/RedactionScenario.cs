using System.Text;
using DialNexa.Benchmarks.Measuring;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using Microsoft.Extensions.Options;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>
/// redaction: the redactor's throughput on one thread over a billing-call mix (<c>--count</c> MB, default 16), cut into
/// calls of 40 turns, each redacted as one transcript as the handoff does; the finance-context extraction of the
/// redacted calls beside it. The median of 5 rounds after a warm-up; the machine's figure is one thread's plain scan of
/// the same text (counting digits), so a slower or busier machine shows in both.
/// </summary>
internal sealed class RedactionScenario : IBenchmarkScenario
{
    private const int Rounds = 5;
    private const int TurnsPerCall = 40;

    public string Name => "redaction";

    public string Summary => "redaction MB/s on one thread over a 16 MB billing-call mix (--count MB), extraction MB/s beside it";

    public async Task<Figures> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var megabytes = run.Options.Count ?? 16;
        var corpus = TranscriptCorpus.Build(megabytes * 1024 * 1024);
        var size = Encoding.UTF8.GetByteCount(corpus) / 1024.0 / 1024.0;
        var calls = corpus.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new TranscriptTurn(line.StartsWith("Agent", StringComparison.Ordinal) ? Speaker.Agent : Speaker.User, line))
            .Chunk(TurnsPerCall)
            .Select(c => (IReadOnlyList<TranscriptTurn>)c)
            .ToList();
        var redactor = new TranscriptRedactor();
        var extractor = new FinanceContextExtractor(Options.Create(new ExtractionOptions()));

        var findings = 0;
        var redacted = new List<RedactedCall>(calls.Count);
        var redaction = await MeasureAsync(run, "redaction", size, cancellationToken, () =>
        {
            findings = 0;
            redacted.Clear();
            for (var i = 0; i < calls.Count; i++)
            {
                var result = redactor.Redact(calls[i]);
                findings += result.Findings.Count;
                redacted.Add(new RedactedCall
                {
                    CallId = "call_" + i.ToString(CultureInfo.InvariantCulture),
                    Turns = [.. result.Turns.Select(t => new RedactedTurn(t.Speaker.ToString(), t.Text))],
                });
            }
        });
        var facts = 0;
        var extraction = await MeasureAsync(run, "extraction", size, cancellationToken, () =>
        {
            facts = 0;
            foreach (var call in redacted)
            {
                facts += extractor.Extract(call).Fields.Count;
            }
        });
        var scan = await MeasureAsync(run, "plain scan", size, cancellationToken, () => _ = CountDigits(corpus));

        return new Figures(Name)
            .Add("megabytes", size, 1)
            .Add("calls", calls.Count, 0)
            .Add("turns", calls.Sum(c => c.Count), 0)
            .Add("findings", findings, 0)
            .Add("redactionMegabytesPerSecond", redaction, 1)
            .Add("extractionMegabytesPerSecond", extraction, 1)
            .Add("factsExtracted", facts, 0)
            .Add("threads", 1, 0)
            .Add("plainScanMegabytesPerSecond", scan, 0);
    }

    /// <summary>One warm-up pass, then the median MB/s of <see cref="Rounds"/> timed passes.</summary>
    private static async Task<double> MeasureAsync(BenchmarkRun run, string what, double megabytes, CancellationToken cancellationToken, Action pass)
    {
        pass();
        var rates = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            pass();
            rates[round] = megabytes / clock.Elapsed.TotalSeconds;
        }

        var median = Percentiles.Of([.. rates.Order()], 0.5);
        await run.LogAsync($"{what}: {median:F1} MB/s (rounds {string.Join(", ", rates.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))})");
        return median;
    }

    private static int CountDigits(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits;
    }
}
