using System.Text.RegularExpressions;
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
        @"\b(my name|i'm|i am|this is|it's|here|calling|speaking|work at|work for|handle|finance|director|manager|assistant|cfo|ceo|head of|owner|accountant|bookkeeper|founder)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AskedForCompany = new(
        @"\b(company name|name of (the|your) (company|business)|which company|what company|business name)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

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
