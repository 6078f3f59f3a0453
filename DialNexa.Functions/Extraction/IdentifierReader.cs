using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Invoice, subscription, payment and customer account numbers, typed ("INV-2024-118", "SUB-88120", "PAY_8dk29x",
/// "account number AC-55102") or read digit by digit ("invoice number one zero four five two"). A number corrected in
/// the same breath ("SUB-88210, sorry, SUB-88120") is settled when the facts are resolved.
/// </summary>
internal static class IdentifierReader
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly (string Fact, Keywords Gate, Regex Typed, Regex? Spoken)[] Kinds =
    [
        (FactNames.InvoiceNumber, new Keywords("inv"),
            new Regex(@"\bINV[-_ ]?\d[A-Z0-9]*(?:[-_][A-Z0-9]+)*\b|\binvoice\s+(?:number\s+|no\.?\s+|num\s+|#\s*)?(?<id>[A-Z]{0,4}-?\d[A-Z0-9-]{2,20})\b", Linear),
            new Regex(@"\binvoice\s+(number|no\.?|num|#)\s*(is\s+)?$", Linear)),
        (FactNames.SubscriptionId, new Keywords("sub"),
            new Regex(@"\bSUBS?[-_][A-Z0-9]{2,32}\b|\bsubscription\s+(?:id|number|no\.?)\s*(?:is\s+)?(?<id>[A-Z0-9_-]*\d[A-Z0-9_-]*)\b", Linear),
            new Regex(@"\bsubscription\s+(id|number|no\.?)\s*(is\s+)?$", Linear)),
        (FactNames.PaymentId, new Keywords("_", "reference", "payment id", "transaction id", "payment ref", "transaction ref"),
            new Regex(@"\b(?:PAY|PI|CH|TXN|PRQ|TRX|REF|TRF)_[A-Z0-9]{3,32}\b|\b(?:payment|transaction)\s+(?:id|reference|ref)\s*(?:number\s*)?(?:is\s+)?(?<id>[A-Z0-9_-]*\d[A-Z0-9_-]*)\b|\breference\s+(?:number\s+)?(?:is\s+)?(?<id>[A-Z0-9_-]*\d[A-Z0-9_-]{3,})\b", Linear),
            null),
        (FactNames.AccountNumber, new Keywords("account", "acct", "customer"),
            new Regex(@"\b(?:customer|account|acct)\s+(?:number|no\.?|id|#)\s*(?:is\s+)?(?<id>[A-Z]{1,4}-?\d{3,12}|\d{3,12})\b", Linear),
            new Regex(@"\b(customer|account)\s+(number|no\.?|id)\s*(is\s+)?$", Linear)),
    ];

    private static readonly Keywords NumberWords = new("number", " no", "#", " id", "num ");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            var rank = turn.MaybeCaller ? CandidateRank.Stated : CandidateRank.Mentioned;
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                List<DigitRun>? runs = null;
                foreach (var (fact, gate, typed, spoken) in Kinds)
                {
                    if (!gate.In(sentence))
                    {
                        continue;
                    }

                    foreach (Match match in typed.Matches(sentence))
                    {
                        var group = match.Groups["id"].Success ? match.Groups["id"] : (Group)match;
                        into.Add(new FactCandidate(fact, Normalize(fact, group.Value), rank, turn.Index, offset + group.Index, group.Length, turn.Source));
                    }

                    if (spoken is null)
                    {
                        continue;
                    }

                    if (!NumberWords.In(sentence))
                    {
                        continue;
                    }

                    runs ??= SpokenDigits.Find(sentence);
                    foreach (var run in runs.Where(r => r.Spoken && spoken.IsMatch(sentence[Math.Max(0, r.Start - 40)..r.Start])))
                    {
                        into.Add(new FactCandidate(fact, run.Digits, rank, turn.Index, offset + run.Start, run.End - run.Start, turn.Source));
                    }
                }
            }
        }
    }

    private static string Normalize(string fact, string value)
    {
        var trimmed = value.Trim().TrimEnd('.', ',');
        return fact is FactNames.InvoiceNumber or FactNames.SubscriptionId && char.IsLetter(trimmed[0]) ? trimmed.ToUpperInvariant().Replace(' ', '-').Replace('_', '-') : trimmed;
    }
}
