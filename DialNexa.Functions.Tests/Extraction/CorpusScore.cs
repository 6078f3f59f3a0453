using System.Globalization;
using System.Text;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>Workflow accuracy and per-field recall and precision over a set of corpus calls.</summary>
internal sealed class CorpusScore
{
    /// <summary>Facts that explain a decision rather than note something from the call; not scored.</summary>
    private static readonly HashSet<string> Unscored = ["workflowEvidence"];

    private readonly SortedDictionary<string, FieldTally> _fields = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public int WorkflowRight { get; private set; }

    /// <summary>What went wrong, one line each: call, field, and the expected and extracted values (never sensitive: both come from redacted text).</summary>
    public List<string> Misses { get; } = [];

    public double WorkflowAccuracy => Ratio(WorkflowRight, Calls);

    public double Recall => Ratio(_fields.Values.Sum(f => f.Right), _fields.Values.Sum(f => f.Expected));

    public double Precision => Ratio(_fields.Values.Sum(f => f.Right), _fields.Values.Sum(f => f.Extracted));

    public static CorpusScore Of(IEnumerable<CorpusCall> calls)
    {
        var score = new CorpusScore();
        foreach (var call in calls)
        {
            score.Add(call, ExtractionCorpus.Extract(call));
        }

        return score;
    }

    public void Add(CorpusCall call, CallFacts facts)
    {
        Calls++;
        if (string.Equals(facts.Workflow.ToString(), call.Expected.Workflow, StringComparison.Ordinal))
        {
            WorkflowRight++;
        }
        else
        {
            Misses.Add($"{call.Id}: workflow {facts.Workflow} ({facts.WorkflowConfidence:0.00}), expected {call.Expected.Workflow}");
        }

        foreach (var name in call.Expected.Fields.Keys.Union(facts.Fields.Keys).Where(n => !Unscored.Contains(n)))
        {
            var tally = _fields.TryGetValue(name, out var existing) ? existing : _fields[name] = new FieldTally();
            var expected = call.Expected.Fields.GetValueOrDefault(name);
            var actual = facts.Text(name);
            tally.Expected += expected is null ? 0 : 1;
            tally.Extracted += actual is null ? 0 : 1;
            if (expected is not null && actual is not null && CorpusFieldMatch.Matches(name, actual, expected))
            {
                tally.Right++;
            }
            else
            {
                Misses.Add($"{call.Id}: {name} = {Show(actual)}, expected {Show(expected)}");
            }
        }
    }

    /// <summary>A Markdown table: workflow accuracy, then recall and precision overall and per field.</summary>
    public string Table(string title)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{title}: {Calls} calls, workflow {WorkflowRight}/{Calls} = {WorkflowAccuracy:P1}; fields recall {Recall:P1}, precision {Precision:P1}\n\n");
        text.Append("| field | expected | extracted | right | recall | precision |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var (name, tally) in _fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {tally.Expected} | {tally.Extracted} | {tally.Right} | {Percent(tally.Right, tally.Expected)} | {Percent(tally.Right, tally.Extracted)} |\n");
        }

        var right = _fields.Values.Sum(f => f.Right);
        text.Append(CultureInfo.InvariantCulture, $"| **all fields** | {_fields.Values.Sum(f => f.Expected)} | {_fields.Values.Sum(f => f.Extracted)} | {right} | {Recall:P1} | {Precision:P1} |\n");
        return text.ToString();
    }

    private static string Show(string? value) => value is null ? "(none)" : $"\"{value}\"";

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static string Percent(int part, int whole) => whole == 0 ? "–" : Ratio(part, whole).ToString("P0", CultureInfo.InvariantCulture);

    private sealed class FieldTally
    {
        public int Expected { get; set; }

        public int Extracted { get; set; }

        public int Right { get; set; }
    }
}
