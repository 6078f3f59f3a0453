using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The billing address the customer wants: after "the new address is", "the billing address is now", "we're at",
/// "we've moved to", "correct it to", or as the answer to "what's the new address?". The address the invoices still show
/// ("it says 45 Elm Street", "your billing address is still…") is the old one, and the agent's own office is not the customer's.
/// </summary>
internal static class AddressReader
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex NewAddress = new(
        @"\b((new |billing |correct |right )*address (is|should be|should read|will be|to)( now)?|we('re| are) (now )?(at|based at|located at)|we('ve| have)? (moved|relocated) to|(correct|change|update|move) (it|that|the address|the billing address|our address) to)\s*:?\s*",
        Linear);

    private static readonly Regex OldAddress = new(@"\b(is still|it says|old address|used to be|currently says|still shows|still says)\b", Linear);

    private static readonly Regex AskedForAddress = new(@"\b(what's|what is|can i (get|have)|could you give me) (the|your) (new |correct |updated )?(billing )?address\b", Linear);

    private static readonly Regex StreetLike = new(
        @"(\d+[a-z]?\s+\p{Lu}[\p{L}'-]+)|(\p{Lu}[\p{L}'-]+\s+\d+\b)|\b(street|st|road|rd|avenue|ave|lane|ln|way|drive|dr|boulevard|blvd|close|crescent|place|court|plot|suite|square|terrace|house)\b",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex LeadIn = new(@"^\W*(it's|it is|that's|that is|sure|yes|yeah|okay|ok)[\s,]+", Linear);

    private static readonly Regex AgentsOwnOffice = new(@"\b(our|my) (\w+ )?(office|headquarters|hq|branch)\b", Linear);

    private static readonly Keywords AddressWords = new("address", " at ", "moved", "relocated", " to ", "still", "says", "shows");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            var asked = turn.MaybeCaller && call.Before(turn.Index) is { Party: not Party.Caller } question && AskedForAddress.IsMatch(question.Text);
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                if ((!asked || offset != 0) && !AddressWords.In(sentence))
                {
                    continue;
                }

                if (AgentsOwnOffice.IsMatch(sentence))
                {
                    continue;
                }

                var rank = turn.MaybeCaller ? CandidateRank.Stated : CandidateRank.Mentioned;
                if (asked && offset == 0)
                {
                    var answer = LeadIn.Replace(sentence, "");
                    Add(answer, offset + (sentence.Length - answer.Length), rank, turn, into);
                }

                foreach (Match match in NewAddress.Matches(sentence))
                {
                    var rest = sentence[(match.Index + match.Length)..];
                    if (!rest.StartsWith("still", StringComparison.OrdinalIgnoreCase))
                    {
                        Add(rest, offset + match.Index + match.Length, rank, turn, into);
                    }
                }

                foreach (Match match in OldAddress.Matches(sentence))
                {
                    var rest = sentence[(match.Index + match.Length)..];
                    Add(Until(rest, " but "), offset + match.Index + match.Length, CandidateRank.Replaced, turn, into);
                }
            }
        }
    }

    private static void Add(string text, int offset, CandidateRank rank, ConversationTurn turn, List<FactCandidate> into)
    {
        var address = text.Trim().TrimEnd('.', '!', '?', ' ').Trim();
        if (address.Length is >= 6 and <= 120 && StreetLike.IsMatch(address) && address.Any(char.IsAsciiDigit))
        {
            into.Add(new FactCandidate(FactNames.BillingAddress, address, rank, turn.Index, offset, address.Length, turn.Source));
        }
    }

    private static string Until(string text, string stop)
    {
        var at = text.IndexOf(stop, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : text[..at];
    }
}
