using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using Xunit.Abstractions;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>
/// Scores extraction on the team's corpus (Corpus/README.md): the held-out half, never looked at while tuning, must
/// reach the targets; the table each test prints is the one the README quotes.
/// </summary>
public sealed class ExtractionCorpusTests(ITestOutputHelper output)
{
    private const double WorkflowTarget = 0.90;
    private const double RecallTarget = 0.90;
    private const double PrecisionTarget = 0.95;

    [Fact]
    public void Corpus_SplitBeforeTuning_HasBothHalvesOfEveryWorkflowAndShape()
    {
        Assert.True(ExtractionCorpus.All.Count >= 60, $"The corpus has {ExtractionCorpus.All.Count} calls; the issue asks for at least 60.");
        Assert.Equal(ExtractionCorpus.All.Count, ExtractionCorpus.All.Select(c => c.Id).Distinct().Count());
        foreach (var split in new[] { "tuning", "heldout" })
        {
            var half = ExtractionCorpus.Half(split);
            Assert.All(Enum.GetNames<HandoffWorkflow>(), w => Assert.True(half.Count(c => c.Expected.Workflow == w) >= 3, $"{split} has fewer than 3 {w} calls."));
            Assert.All(new[] { "lines", "turns", "paragraph" }, s => Assert.Contains(half, c => c.Shape == s));
            Assert.All(new[] { "US", "UK", "NG" }, r => Assert.Contains(half, c => c.Region == r));
        }
    }

    [Fact]
    public void Extract_HeldOutHalf_MeetsWorkflowRecallAndPrecisionTargets()
    {
        var score = CorpusScore.Of(ExtractionCorpus.Half("heldout"));
        Print(score, "Held-out half");
        Assert.True(score.WorkflowAccuracy >= WorkflowTarget, $"Workflow accuracy {score.WorkflowAccuracy:P1} is below {WorkflowTarget:P0}.");
        Assert.True(score.Recall >= RecallTarget, $"Field recall {score.Recall:P1} is below {RecallTarget:P0}.");
        Assert.True(score.Precision >= PrecisionTarget, $"Field precision {score.Precision:P1} is below {PrecisionTarget:P0}.");
    }

    [Fact]
    public void Extract_TuningHalf_MeetsWorkflowRecallAndPrecisionTargets()
    {
        var score = CorpusScore.Of(ExtractionCorpus.Half("tuning"));
        Print(score, "Tuning half");
        Assert.True(score.WorkflowAccuracy >= WorkflowTarget, $"Workflow accuracy {score.WorkflowAccuracy:P1} is below {WorkflowTarget:P0}.");
        Assert.True(score.Recall >= RecallTarget, $"Field recall {score.Recall:P1} is below {RecallTarget:P0}.");
        Assert.True(score.Precision >= PrecisionTarget, $"Field precision {score.Precision:P1} is below {PrecisionTarget:P0}.");
    }

    /// <summary>
    /// Twenty calls written after the first held-out run had been read (its misses were fixed with new tuning calls), and
    /// scored here before any change was made for them: a second blind check.
    /// </summary>
    [Fact]
    public void Extract_SecondHeldOutBatch_MeetsWorkflowRecallAndPrecisionTargets()
    {
        var score = CorpusScore.Of(ExtractionCorpus.Half("heldout2"));
        Print(score, "Second held-out batch");
        Assert.True(score.WorkflowAccuracy >= WorkflowTarget, $"Workflow accuracy {score.WorkflowAccuracy:P1} is below {WorkflowTarget:P0}.");
        Assert.True(score.Recall >= RecallTarget, $"Field recall {score.Recall:P1} is below {RecallTarget:P0}.");
        Assert.True(score.Precision >= PrecisionTarget, $"Field precision {score.Precision:P1} is below {PrecisionTarget:P0}.");
    }

    private void Print(CorpusScore score, string title)
    {
        output.WriteLine(score.Table(title));
        output.WriteLine($"{score.Misses.Count} misses:");
        foreach (var miss in score.Misses)
        {
            output.WriteLine(miss);
        }
    }
}
