using System.Globalization;
using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The subscription plan's name: "our Pro plan", "the Growth plan", "your Premium plan renewal", "four hundred seats on
/// Enterprise", "our plan's the Professional one". A payment plan or an instalment plan is not a plan.
/// </summary>
internal static class PlanReader
{
    private const string Tiers = "basic|starter|standard|pro|professional|premium|plus|business|enterprise|team|growth|essentials|lite|scale|advanced|ultimate|elite|platinum|gold|silver|bronze";

    private static readonly Regex Named = NamePatterns.Build(
        @"(?<plan>(?i:" + Tiers + @")|\p{Lu}[\p{Ll}]+)(?:\s+(?i:annual|monthly|yearly))?\s+(?i:plan|tier|package|subscription|licence|license)\b");

    private static readonly Regex OnTier = NamePatterns.Build(@"(?i:\b(?:seats|users|licen[cs]es)\s+on\s+(?:the\s+)?)(?<plan>(?i:" + Tiers + @"))\b");

    private static readonly Regex PlanIsThe = NamePatterns.Build(@"(?i:\bplan(?:'s|\s+is)\s+(?:the\s+)?)(?<plan>\p{Lu}\p{Ll}+)");

    private static readonly HashSet<string> NotPlans = new(StringComparer.OrdinalIgnoreCase)
    {
        "payment", "instalment", "installment", "annual", "monthly", "yearly", "data", "current", "new", "old", "same", "free", "subscription", "this",
        "that", "our", "your", "my", "the", "every", "a", "which", "what", "repayment", "savings", "phone", "mobile", "price", "pricing", "trial",
        "renewal", "that's", "it's", "direct", "debit",
    };

    private static readonly Keywords PlanWords = new("plan", "tier", "package", "subscription", "licence", "license", "seats on", "users on");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns)
        {
            var rank = turn.MaybeCaller ? CandidateRank.Stated : CandidateRank.Mentioned;
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                if (!PlanWords.In(sentence))
                {
                    continue;
                }

                foreach (var regex in new[] { Named, OnTier, PlanIsThe })
                {
                    foreach (Match match in regex.Matches(sentence))
                    {
                        var plan = match.Groups["plan"];
                        if (!NotPlans.Contains(plan.Value) && !Regions.IsPlace(plan.Value))
                        {
                            var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(plan.Value.ToLowerInvariant());
                            into.Add(new FactCandidate(FactNames.Plan, name, rank, turn.Index, offset + plan.Index, plan.Length, turn.Source));
                        }
                    }
                }
            }
        }
    }
}
