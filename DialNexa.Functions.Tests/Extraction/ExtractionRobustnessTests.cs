using System.Text;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Extraction;

/// <summary>Whatever a transcript holds, extraction returns facts (never throws) and every fact has a value, a confidence and a source.</summary>
public sealed class ExtractionRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "I", "was", "charged", "twice", "at", "dot", "com", "oh", "double", "five", "forty", "two", "hundred", "pounds", "$", "₦", "NGN", "1,200", "45,000.00",
        "sorry", "no", "it's", "Mr.", "O'Neill", "MacLeod", "from", "Tallow", "Logistics", "&", "and", "plan", "Pro", "by", "Friday", "the", "25th", "of", "March",
        "within", "3", "business", "days", "call", "me", "back", "on", "0803", "555", "0147", "INV-", "SUB-88120", "PAY_x1", "account", "number", "refund", "?",
        ".", ",", "!", "\n", "Agent:", "User:", "[CARD_NUMBER]", "moved", "to", "Texas", "VAT", "address", "is", "12", "Baker", "Street", "owner", "approval",
        "over", "ten", "thousand", "Zoë", "'", "-", "—", "a p", "n g", "  ", "twelve point five million naira", "two fifty, sorry, two seventy dollars",
    ];

    [Fact]
    public void Extract_RandomTranscripts_NeverThrowAndEveryFactIsComplete()
    {
        var random = new Random(20260310);
        var extractor = new FinanceContextExtractor(Options.Create(new ExtractionOptions()));
        for (var i = 0; i < 500; i++)
        {
            var turns = new List<RedactedTurn>();
            for (var t = random.Next(0, 8); t > 0; t--)
            {
                var text = new StringBuilder();
                for (var w = random.Next(0, 40); w > 0; w--)
                {
                    text.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(4) == 0 ? "" : " ");
                }

                turns.Add(new RedactedTurn(random.Next(3) switch { 0 => "Agent", 1 => "User", _ => "Unknown" }, text.ToString()));
            }

            var facts = extractor.Extract(new RedactedCall
            {
                CallId = "fuzz",
                Turns = turns,
                Summary = random.Next(4) == 0 ? turns.FirstOrDefault()?.Text : null,
                CallerPhone = random.Next(2) == 0 ? "+2348031234567" : null,
                Direction = random.Next(2) == 0 ? "outbound" : "inbound",
                StartedAt = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero),
            });
            Assert.All(facts.Fields, f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Value.Value), $"Fact {f.Key} of call {i} is empty.");
                Assert.InRange(f.Value.Confidence, 0.05, 1.0);
                Assert.False(string.IsNullOrEmpty(f.Value.Source));
            });
            Assert.InRange(facts.WorkflowConfidence, 0.05, 1.0);
        }
    }

    [Fact]
    public void Extract_LongCall_StaysFast()
    {
        var turn = string.Concat(Enumerable.Repeat("I was charged twice, two hundred and forty pounds, call me on oh seven seven double zero nine double zero one two three, sorry, ", 400));
        var call = new RedactedCall { CallId = "long", Turns = [new RedactedTurn("User", turn), new RedactedTurn("Agent", turn)], StartedAt = DateTimeOffset.UnixEpoch };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var facts = new FinanceContextExtractor(Options.Create(new ExtractionOptions())).Extract(call);
        Assert.Equal(HandoffWorkflow.Dispute, facts.Workflow);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"A {turn.Length * 2}-character call took {watch.Elapsed.TotalSeconds:0.0} s.");
    }
}
