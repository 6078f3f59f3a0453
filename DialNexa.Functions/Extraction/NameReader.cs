using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The caller's name: "my name is / my name's", "I'm", "it's", "this is", "Gareth Pryce here", a greeting then a full name,
/// the answer to "who am I speaking with?", and a name the agent asks about ("Am I speaking with Derek Shaw?") that the
/// caller confirms, which outranks the rest. Also the owner when the caller says they are it.
/// </summary>
internal static class NameReader
{
    /// <summary>A stand-in owner meaning "the caller", replaced by the caller's name when the facts are settled.</summary>
    public const string CallerSelf = "\u0001caller";

    private static readonly Regex Introduced = NamePatterns.Build(
        @"(?i:\b(?:my name is|my name's|name is|name's|i'm|i am|this is|it's|it is)\s+)" + NamePatterns.Title + NamePatterns.Person);

    private static readonly Regex HereOrCalling = NamePatterns.Build(
        @"^(?:(?i:hi|hello|hey|hiya|morning|afternoon|good morning|good afternoon|good evening|good day)\W+)?(?:\p{Lu}\p{Ll}+,\s*)?" + NamePatterns.Title + NamePatterns.Person + @"\s+(?i:here|speaking|calling)\b");

    private static readonly Regex GreetingThenFullName = NamePatterns.Build(
        @"^(?:(?:(?i:hi|hello|hey|hiya|morning|afternoon|good morning|good afternoon|good evening|good day)|\p{Lu}\p{Ll}+)[\s,]+){1,3}" + NamePatterns.Title
        + @"(?<name>" + NamePatterns.Token + @"(?:\s+" + NamePatterns.Token + @"){1,2})\s*(?:,|\.|$|\s(?i:at|from|with|of)\s)");

    private static readonly Regex Answer = NamePatterns.Build(
        @"^(?:(?i:sorry|yes|yeah|sure|of course|hi|hello|hey|hiya|it's|it is|this is|i'm|i am|my name is|my name's)[\s,]+)*" + NamePatterns.Title + NamePatterns.Person);

    /// <summary>"Jenna from Peak Fitness.", "Hi there! Tom Reed at Reed Farms": a sentence opening with a name and where they are from.</summary>
    private static readonly Regex NameFrom = NamePatterns.Build(
        @"^(?:(?i:hi|hello|hey|hiya|morning|afternoon|good morning|good afternoon|good evening|good day|hi there|yes|yeah)\W+)*" + NamePatterns.Title
        + @"(?<name>" + NamePatterns.Token + @"(?:\s+" + NamePatterns.Token + @")?)\s+(?i:from|at|with)\s+(?:the\s+)?\p{Lu}");

    /// <summary>"Femi Adebayo, finance director, Coastline Shipping.": a full name opening the sentence, then a job title.</summary>
    private static readonly Regex NameThenRole = NamePatterns.Build(
        @"^" + NamePatterns.Title + @"(?<name>" + NamePatterns.Token + @"\s+" + NamePatterns.Token + @"(?:\s+" + NamePatterns.Token + @")?),\s+" + NamePatterns.Role + @"\b");

    /// <summary>"I'm the owner, Rosa Delgado", "I'm the bookkeeper, Amaka Obi": a role, then the name.</summary>
    private static readonly Regex RoleThenName = NamePatterns.Build(
        @"(?i:\b(?:i'm|i am|this is|it's)\s+(?:the|their|your|his|her)\s+(?:[a-z]+\s+){0,2}[a-z]+,\s+)" + NamePatterns.Title + NamePatterns.Person);

    private static readonly Regex AgentIntroduces = NamePatterns.Build(
        @"(?:(?i:\b(?:this is|my name is|my name's|i'm|it's|you're speaking (?:with|to))\s+)" + NamePatterns.Person + @")|(?:\b" + NamePatterns.Person + @"\s+(?i:speaking|here)\b)");

    private static readonly Regex AskedForName = new(
        @"\b(who am i speaking (with|to)|can i (get|have|take) your name|may i (have|get|take) your name|your name,? please|who's calling|who is calling|what's your name|what is your name|and your name|can i get your name and)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AgentAsksIfNamed = NamePatterns.Build(
        @"(?i:\b(?:am i speaking (?:with|to)|is that|is this|(?:could|can|may) i (?:speak|talk) (?:to|with)|are you|speaking with)\s+)" + NamePatterns.Title + NamePatterns.Person);

    private static readonly Regex OwnerNamed = NamePatterns.Build(
        @"(?i:\b(?:account|billing|business) owner(?:\s+is|,)?\s+)" + NamePatterns.Title + NamePatterns.Person);

    private static readonly Regex NameThenOwner = NamePatterns.Build(NamePatterns.Person + @"(?i:,?\s+(?:is\s+)?(?:the|our)\s+(?:account\s+|business\s+)?owner)\b");

    private static readonly Regex SelfOwner = new(
        @"\b(i'm|i am) the (account |business |company )?owner\b|\bi (handle|manage|look after|take care of|deal with|run|do) (the |our |all the |all our )?(billing|invoices|invoicing|accounts|payments|finances)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Keywords IntroductionWords = new("name", "i'm", "i am", "this is", "it's", "it is");
    private static readonly Keywords HereWords = new("here", "speaking", "calling");
    private static readonly Keywords OwnerWords = new("owner", "handle", "manage", "look after", "take care", "deal with", "i run", "i do the");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        var found = new List<FactCandidate>();
        ReadTurns(call, found);
        var agentNames = AgentNames(call);
        into.AddRange(found.Where(c => c.Rank >= CandidateRank.Verified || c.Name != FactNames.CustomerName || !agentNames.Contains(c.Value.Split(' ')[0])));
    }

    /// <summary>First names the agent gave for themselves ("this is Sam", "Holly speaking"): a caller greeting them ("Hi Sam") is not naming themselves.</summary>
    private static HashSet<string> AgentNames(CallConversation call)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var turn in call.Turns.Where(t => t.Party == Party.Agent))
        {
            foreach (Match match in AgentIntroduces.Matches(turn.Text))
            {
                if (NamePatterns.CleanPerson(match.Groups["name"].Value) is { } name)
                {
                    names.Add(name.Split(' ')[0]);
                }
            }
        }

        return names;
    }

    private static void ReadTurns(CallConversation call, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            if (turn.Party == Party.Agent)
            {
                ReadAgentQuestion(call, turn, into);
                continue;
            }

            if (!turn.MaybeCaller)
            {
                continue;
            }

            var askedForName = call.Before(turn.Index) is { Party: Party.Agent or Party.Unknown } asked && AskedForName.IsMatch(asked.Text);
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                var introduces = IntroductionWords.In(sentence) && (Introduced.IsMatch(sentence) || RoleThenName.IsMatch(sentence));
                if (askedForName && offset == 0 && !introduces && Answer.Match(sentence) is { Success: true } answer)
                {
                    Add(FactNames.CustomerName, answer, turn, offset, into);
                }

                foreach (var (gate, regex) in new[] { (IntroductionWords, Introduced), (IntroductionWords, RoleThenName), (HereWords, HereOrCalling), (null, GreetingThenFullName), (null, NameThenRole), (null, NameFrom) })
                {
                    if (gate is not null && !gate.In(sentence))
                    {
                        continue;
                    }

                    foreach (Match match in regex.Matches(sentence))
                    {
                        Add(FactNames.CustomerName, match, turn, offset, into);
                    }
                }

                if (!OwnerWords.In(sentence))
                {
                    continue;
                }

                foreach (var regex in new[] { OwnerNamed, NameThenOwner })
                {
                    foreach (Match match in regex.Matches(sentence))
                    {
                        Add(FactNames.Owner, match, turn, offset, into);
                    }
                }

                if (SelfOwner.Match(sentence) is { Success: true } self && !OwnerNamed.IsMatch(sentence) && !NameThenOwner.IsMatch(sentence))
                {
                    into.Add(new FactCandidate(FactNames.Owner, CallerSelf, CandidateRank.Stated, turn.Index, offset + self.Index, self.Length, turn.Source));
                }
            }
        }
    }

    /// <summary>"Am I speaking with Derek Shaw?" answered "Yeah, that's me": the caller's name, verified.</summary>
    private static void ReadAgentQuestion(CallConversation call, ConversationTurn turn, List<FactCandidate> into)
    {
        foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
        {
            if (!TurnText.IsQuestion(sentence) || AgentAsksIfNamed.Match(sentence) is not { Success: true } match)
            {
                continue;
            }

            var reply = call.Reply(turn.Index, Party.Agent);
            var first = match.Groups["name"].Value.Split(' ')[0];
            var rank = CallConversation.Affirms(reply) || (reply is not null && SaysOwnName(reply.Text, first)) ? CandidateRank.Verified : CandidateRank.Mentioned;
            if (NamePatterns.CleanPerson(match.Groups["name"].Value) is { } name)
            {
                into.Add(new FactCandidate(FactNames.CustomerName, name, rank, turn.Index, offset + match.Groups["name"].Index, name.Length, turn.Source));
            }
        }
    }

    /// <summary>
    /// "This is Marcus.", "Marcus speaking", "Yes, it's Marcus": the reply names the person the agent asked for. The
    /// pattern holds the caller's name, so it is new for nearly every call: the backtracking engine builds it in
    /// microseconds where the linear one spends milliseconds, and its anchored, unnested shape cannot run away.
    /// </summary>
    private static bool SaysOwnName(string reply, string firstName) =>
        Regex.IsMatch(reply, @"^\W*(?:(?:yes|yeah|hi|hello)\W+)?(?:(?:this is|it's|it is|i'm|i am)\s+)?" + Regex.Escape(firstName) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, OwnNameTimeout);

    private static readonly TimeSpan OwnNameTimeout = TimeSpan.FromMilliseconds(100);

    private static void Add(string fact, Match match, ConversationTurn turn, int offset, List<FactCandidate> into)
    {
        var group = match.Groups["name"];
        if (NamePatterns.CleanPerson(group.Value) is { } name)
        {
            into.Add(new FactCandidate(fact, name, CandidateRank.Stated, turn.Index, offset + group.Index, group.Length, turn.Source));
        }
    }
}
