using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The customer's company, from the caller introducing themselves ("Leah Vance from Tallow Logistics", "CFO at Meridian
/// Health Group", "I work at Lekki Bistro"), from the answer to "what's the company name?", and from the agent naming the
/// account's company ("the account for Fairway Golf Supply") when the caller confirms. Never a place or the agent's company.
/// </summary>
internal static class CompanyReader
{
    private static readonly Regex AfterPreposition = NamePatterns.Build(@"(?i:\b(?:from|at|with|for|of)\s+)" + NamePatterns.Company);

    private static readonly Regex IntroducesSelf = new(
        @"\b(calling from|calling on behalf of|i'm calling|i am calling|work (at|for)|handle (the )?(billing|invoices|payments|accounts)|finance (at|for)|director|manager|assistant|cfo|ceo|coo|head of|owner|accountant|bookkeeper|founder|partner)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AskedForCompany = new(
        @"\b(company name|name of (the|your) (company|business)|which company|what company|business name)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>"This is Marisol Vega, Vega Landscaping.": a name, a comma, and the company.</summary>
    private static readonly Regex NameCommaCompany = NamePatterns.Build(
        @"(?:(?i:\b(?:this is|it's|it is|i'm|i am|my name is|my name's)\s+)" + NamePatterns.Title + NamePatterns.Person
        + @"|^(?:(?i:hi|hello|hey|hiya|morning|afternoon|good morning|good afternoon|good evening|good day)\W+)?(?:\p{Lu}\p{Ll}+,\s+)?" + NamePatterns.Title
        + @"(?<name>" + NamePatterns.Token + @"\s+" + NamePatterns.Token + @"))" + @"(?:,\s+" + NamePatterns.Role + @")?,\s+" + NamePatterns.Company + @"\s*(?:[.,;]|$)");

    private static readonly HashSet<string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        "finance", "head", "executive", "practice", "office", "account", "accounts", "billing", "cfo", "ceo", "coo", "director", "manager", "owner",
        "founder", "partner", "the", "your", "from", "with",
    };

    private static readonly Regex LeadingCompany = NamePatterns.Build(@"^(?:(?i:it's|it is|we're|we are|yes|sure)[\s,]+)?" + NamePatterns.Company);

    private static readonly Regex AgentNamesCompany = NamePatterns.Build(@"(?i:\b(?:account|accounts|calling) (?:for|about|from)\s+)" + NamePatterns.Company);

    private static readonly Regex Affirms = new(@"^\W*(that's us|that is us|yes|yeah|yep|correct|that's right|speaking|that's me)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static void Read(CallConversation call, IReadOnlyList<FactCandidate> names, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            if (turn.Party == Party.Agent)
            {
                foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
                {
                    foreach (Match match in AgentNamesCompany.Matches(sentence))
                    {
                        var rank = call.Reply(turn.Index, Party.Agent) is { } reply && Affirms.IsMatch(reply.Text) ? CandidateRank.Verified : CandidateRank.Mentioned;
                        Add(call, match, rank, turn, offset, into);
                    }
                }

                continue;
            }

            if (!turn.MaybeCaller)
            {
                continue;
            }

            var asked = call.Before(turn.Index) is { } question && question.Party != Party.Caller && AskedForCompany.IsMatch(question.Text);
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                if (asked && offset == 0 && LeadingCompany.Match(sentence) is { Success: true } answer)
                {
                    Add(call, answer, CandidateRank.Stated, turn, offset, into);
                }

                var introduction = IntroducesSelf.IsMatch(sentence) || names.Any(n => n.Turn == turn.Index && n.Offset >= offset && n.Offset < offset + sentence.Length);
                if (!introduction)
                {
                    continue;
                }

                foreach (Match match in AfterPreposition.Matches(sentence))
                {
                    Add(call, match, CandidateRank.Stated, turn, offset, into);
                }

                if (NameCommaCompany.Match(sentence) is { Success: true } named && !Roles.Contains(named.Groups["company"].Value.Split(' ')[0])
                    && NamePatterns.CleanPerson(named.Groups["name"].Value) == named.Groups["name"].Value)
                {
                    Add(call, named, CandidateRank.Stated, turn, offset, into);
                }
            }
        }
    }

    private static void Add(CallConversation call, Match match, CandidateRank rank, ConversationTurn turn, int offset, List<FactCandidate> into)
    {
        var group = match.Groups["company"];
        if (NamePatterns.CleanCompany(group.Value, call.AgentCompanyWords) is { } company)
        {
            into.Add(new FactCandidate(FactNames.Company, company, rank, turn.Index, offset + group.Index, group.Length, turn.Source));
        }
    }
}
