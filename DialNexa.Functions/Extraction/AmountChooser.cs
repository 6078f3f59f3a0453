using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Picks the sum a call is about from all the money said in it: what the caller said outweighs what the agent said, a sum
/// said with the workflow's own words ("overcharged $196", "refund of the ₦450,000 excess", "$3,600 … past due")
/// outweighs one said beside them, a rate ("£79 a month", "$500 a month") counts least, a sum both sides said counts
/// more, and a sum the speaker corrects in the same breath ("two fifty, sorry, two seventy dollars") counts not at all.
/// </summary>
internal static class AmountChooser
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Dictionary<HandoffWorkflow, Regex> WorkflowWords = new()
    {
        [HandoffWorkflow.Dispute] = new(@"\b(charged|billed|debited|overcharg\w*|hit|debits?|charges?|payments of|disput\w*|took|taken)\b", Linear),
        [HandoffWorkflow.RefundRequest] = new(@"\b(refund\w*|money back|reimburs\w*|excess)\b", Linear),
        [HandoffWorkflow.Collections] = new(@"\b(balance|outstanding|owe|owing|overdue|past due|arrears|unpaid|notice|totall?ing|total)\b", Linear),
        [HandoffWorkflow.RenewalFailure] = new(@"\b(renew\w*|declined|failed|bounced|refused)\b", Linear),
        [HandoffWorkflow.VipPaymentBlocker] = new(@"\b(pay|paid|invoice|licen[cs]e|fee|settle|transfer|payment)\b", Linear),
        [HandoffWorkflow.ReceiptToVerifiedEmail] = new(@"\b(paid|payment|receipt)\b", Linear),
        [HandoffWorkflow.TaxOrBillingAddressCorrection] = new(@"\b(tax|vat)\b", Linear),
        [HandoffWorkflow.InvoiceResend] = new(@"\binvoice\b", Linear),
    };

    private static readonly Regex MoneyWords = new(@"\b(charged|paid|payment|invoice|balance|owe|refund|fee|cost|price|amount|total|debit\w*)\b", Linear);

    private static readonly Regex RateAfter = new(@"^\W*(\w+\s+){0,3}(a|per|each|every)\s+(month|year|week|quarter)\b|^\W*(monthly|annually|yearly)\b", Linear);

    private static readonly Regex RateBefore = new(@"\b(monthly|weekly) (payments|instal?lments) of\s+$|\b(payments|instal?lments) of\s+$", Linear);

    public static MoneyCandidate? Choose(IReadOnlyList<MoneyCandidate> sums, HandoffWorkflow workflow)
    {
        MoneyCandidate? best = null;
        var bestScore = double.MinValue;
        for (var i = 0; i < sums.Count; i++)
        {
            var sum = sums[i];
            var score = Score(sum, workflow);
            if (sums.Any(o => o.Money.Value == sum.Money.Value && o.Money.Currency == sum.Money.Currency && o.Turn.Party != sum.Turn.Party))
            {
                score += 2;
            }

            if (sums.Skip(i + 1).FirstOrDefault(o => o.Turn.Index == sum.Turn.Index) is { } later
                && TurnText.HasCorrection(sum.Turn.Text[Math.Min(sum.Turn.Text.Length, sum.Offset + sum.Money.End)..Math.Max(sum.Offset + sum.Money.End, later.Offset + later.Money.Start)]))
            {
                score -= 10;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (sum, score);
            }
        }

        return best;
    }

    private static double Score(MoneyCandidate sum, HandoffWorkflow workflow)
    {
        var score = sum.Turn.Party switch
        {
            Party.Caller => 3.0,
            Party.Unknown => 2.5,
            Party.Agent => 2.0,
            _ => 1.0,
        };
        var sentence = sum.Sentence;
        var from = Math.Max(0, sum.Money.Start - 50);
        var to = Math.Min(sentence.Length, sum.Money.End + 50);
        var around = sentence[from..to];
        if (WorkflowWords.TryGetValue(workflow, out var words) && words.IsMatch(around))
        {
            score += 4;
        }

        if (MoneyWords.IsMatch(sentence))
        {
            score += 1;
        }

        if (RateAfter.IsMatch(sentence.AsSpan(sum.Money.End)) || RateBefore.IsMatch(sentence.AsSpan(from, sum.Money.Start - from)) || sum.Money.PerPeriod)
        {
            score -= 4;
        }

        return score;
    }
}
