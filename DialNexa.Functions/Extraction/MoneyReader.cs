using System.Globalization;
using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Money in the call. Each sum becomes an amount candidate with the words around it (what it was for), except the
/// caller's own sign-off limit ("anything over ten thousand pounds needs two signatures"), which becomes the approval
/// threshold, in the call's currency when the limit was said without one.
/// </summary>
internal static class MoneyReader
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex ThresholdSentence = new(
        @"\b(approv\w*|sign-?off|sign off|signatures?|authori[sz]\w*|goes through me|go through me|has to go through|needs my|need my|limit|threshold)\b", Linear);

    private static readonly Keywords ThresholdWords = new("approv", "sign", "authori", "through me", "go through", "needs my", "need my", "limit", "threshold");

    private static readonly Regex Comparator = new(@"\b(over|above|more than|greater than|exceeding|in excess of|beyond|up to|limit (of|is)|threshold (of|is))\s+$", Linear);

    /// <summary>Money and where it was said; <see cref="MoneyCandidate.Context"/> is its sentence.</summary>
    public static List<MoneyCandidate> Read(CallConversation call, List<FactCandidate> into)
    {
        var sums = new List<MoneyCandidate>();
        var thresholds = new List<(MoneyMention Money, ConversationTurn Turn, int Offset)>();
        foreach (var turn in call.Turns)
        {
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                var thresholdSentence = turn.MaybeCaller && ThresholdWords.In(sentence) && ThresholdSentence.IsMatch(sentence);
                foreach (var money in MoneyPhrases.Find(sentence, alsoBare: thresholdSentence))
                {
                    if (thresholdSentence && Comparator.IsMatch(sentence[Math.Max(0, money.Start - 30)..money.Start]))
                    {
                        thresholds.Add((money, turn, offset));
                    }
                    else if (money.Currency is not null)
                    {
                        sums.Add(new MoneyCandidate(money, turn, offset, sentence));
                    }
                }
            }
        }

        foreach (var (money, turn, offset) in thresholds)
        {
            var currency = money.Currency ?? CallCurrency(call, sums);
            if (currency is not null)
            {
                var value = money.Value.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency;
                into.Add(new FactCandidate(FactNames.ApprovalThreshold, value, CandidateRank.Stated, turn.Index, offset + money.Start, money.End - money.Start, turn.Source));
            }
        }

        return sums;
    }

    /// <summary>The currency most sums in the call were in, else the caller ID's country's.</summary>
    private static string? CallCurrency(CallConversation call, List<MoneyCandidate> sums)
    {
        var common = sums.GroupBy(s => s.Money.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return common ?? (call.Call.CallerPhone ?? "") switch
        {
            var p when p.StartsWith("+234", StringComparison.Ordinal) => "NGN",
            var p when p.StartsWith("+44", StringComparison.Ordinal) => "GBP",
            var p when p.StartsWith("+1", StringComparison.Ordinal) => "USD",
            _ => null,
        };
    }
}
