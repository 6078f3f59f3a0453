using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// A redacted call as a conversation: turns in order with who said them, then DialNexa's summary. Turns a paragraph
/// without speakers into sentences and guesses each one's speaker from habits (agents greet, apologise, address the
/// caller as "sir" or by name, and promise; callers give their name and ask), so the caller's words and the agent's
/// promises can still be told apart. Answers, confirmations and corrections are read across neighbouring turns.
/// </summary>
internal sealed partial class CallConversation
{
    private CallConversation(RedactedCall call, List<ConversationTurn> turns)
    {
        Call = call;
        Turns = turns;
        Outbound = string.Equals(call.Direction, "outbound", StringComparison.OrdinalIgnoreCase);
        AgentCompanyWords = FindAgentCompanyWords(turns);
    }

    public RedactedCall Call { get; }

    public IReadOnlyList<ConversationTurn> Turns { get; }

    public bool Outbound { get; }

    /// <summary>Lower-case words of the company the agent answers for ("northwind" from "Thanks for calling Northwind billing").</summary>
    public IReadOnlySet<string> AgentCompanyWords { get; }

    public static CallConversation Of(RedactedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var outbound = string.Equals(call.Direction, "outbound", StringComparison.OrdinalIgnoreCase);
        var turns = new List<ConversationTurn>();
        for (var t = 0; t < call.Turns.Count; t++)
        {
            var turn = call.Turns[t];
            var party = turn.Speaker switch
            {
                "Agent" => Party.Agent,
                "User" => Party.Caller,
                _ => Party.Unknown,
            };
            var sentences = Sentences.Split(turn.Text ?? "");
            if (party != Party.Unknown)
            {
                turns.Add(new ConversationTurn(turns.Count, party, turn.Text ?? "", $"turn:{t}", sentences));
                continue;
            }

            foreach (var sentence in sentences)
            {
                turns.Add(new ConversationTurn(turns.Count, GuessParty(sentence, outbound, turns), sentence, $"turn:{t}", [sentence]));
            }
        }

        if (!string.IsNullOrWhiteSpace(call.Summary))
        {
            turns.Add(new ConversationTurn(turns.Count, Party.Summary, call.Summary, "summary", Sentences.Split(call.Summary)));
        }

        return new CallConversation(call, turns);
    }

    /// <summary>The transcript turn after <paramref name="index"/> by someone else than <paramref name="party"/>, skipping nothing else.</summary>
    public ConversationTurn? Reply(int index, Party party)
    {
        for (var k = index + 1; k < Turns.Count && Turns[k].IsTranscript; k++)
        {
            if (Turns[k].Party != party || party == Party.Unknown)
            {
                return Turns[k];
            }
        }

        return null;
    }

    /// <summary>The transcript turn before <paramref name="index"/>, if any.</summary>
    public ConversationTurn? Before(int index) => index > 0 && Turns[index - 1].IsTranscript ? Turns[index - 1] : null;

    /// <summary>The turn begins by saying yes: "Yes, that's right", "Speaking.", "Correct", "That's me".</summary>
    public static bool Affirms(ConversationTurn? turn) => turn is not null && Affirmation().IsMatch(turn.Text);

    private static Party GuessParty(string sentence, bool outbound, List<ConversationTurn> before)
    {
        var agent = AgentHabit().Count(sentence) + (AddressesByName().IsMatch(sentence) ? 1 : 0);
        var caller = CallerHabit().Count(sentence);
        if (outbound && before.Count < 3 && SelfIntroductionFromCompany().IsMatch(sentence))
        {
            agent += 2;
        }

        return agent > caller ? Party.Agent : caller > agent ? Party.Caller : Party.Unknown;
    }

    private static HashSet<string> FindAgentCompanyWords(List<ConversationTurn> turns)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var turn in turns.Where(t => t.Party == Party.Agent).Take(3))
        {
            foreach (Match match in AgentCompany().Matches(turn.Text))
            {
                foreach (var word in match.Groups["company"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.Length > 2 && !GenericCompanyWords.Contains(word))
                    {
                        words.Add(word.ToLowerInvariant());
                    }
                }
            }
        }

        return words;
    }

    private static readonly HashSet<string> GenericCompanyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "billing", "accounts", "account", "support", "team", "payments", "payroll", "subscriptions", "finance", "business", "software", "cloud", "the",
    };

    [GeneratedRegex(@"^\W*((okay|ok|oh|ah|um|uh)\W+)?(yes|yeah|yep|yup|correct|that's (right|it|correct|me|the one|my number|us)|that is (right|correct|me)|right|speaking|this is (he|she)|it is|exactly|sure|mm-hmm|uh-huh|absolutely|indeed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Affirmation();

    [GeneratedRegex(@"\b(thanks? (you )?for calling|how (can|may) i help|you're through to|you've reached|welcome to|you are welcome to|i'm (so |very )?sorry|sorry (about|to hear)|i can see|i see (the|your|two|three|a|an)\b|let me (check|look|have a look|pull|confirm)|i('ve| have) (noted|removed|sent|updated|escalated)|(i'll|i will|we'll|we will) (note|have|pass|get|put|raise|log|open|mark|lift|send|email|text|set|schedule|retry|refund|submit|flag|update|change|correct|remove|switch|check|process|resend|reissue|escalate|call|ring)|i'm (opening|requesting|sending|raising|escalating|flagging)|you'll (get|see|receive|hear)|(call|ring|email|text|send) you\b|your (email|card|account|subscription|payment method|balance|name|number)|\b(sir|madam)\b|\bma\b|can i (get|have)|what('s| is) your|is that (mr|mrs|ms|dr|[A-Z])|am i speaking with|which (email|invoice|card))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgentHabit();

    [GeneratedRegex(@"^(okay|ok|thanks|thank you|sure|right|of course|great|perfect|lovely|got it|hi|hello)\s*,?\s+((mr|mrs|ms|dr|pastor)\.?\s+)?[A-Z][a-z]+\s*,", RegexOptions.CultureInvariant)]
    private static partial Regex AddressesByName();

    [GeneratedRegex(@"\b(my name|i'm calling|i am calling|i was (charged|debited|billed)|i (paid|need|want|bought|signed up|got|made|added|tried)|we (paid|need|want|got|made|moved|have|bought)|could you|can you|please|my (email|number|cell|line|mobile)|call me|ring me|reach me|our (invoice|account|card|subscription|company|statement|invoices)|i'd like|we'd like|this is [A-Z][a-z]+ [A-Z]|it's [A-Z][a-z]+ [A-Z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallerHabit();

    [GeneratedRegex(@"\b(it's|this is|i'm)\s+[A-Z][a-z]+\s+(calling |ringing )?from\s+[A-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex SelfIntroductionFromCompany();

    [GeneratedRegex(@"(?:(?:calling|through to|reached|welcome to|from)\s+(?<company>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3}))|(?:^(?:\W*(?:hello|hi|good morning|good afternoon|good evening|good day|morning|afternoon)\W+)?(?<company>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3})(?:\s+(?:billing|accounts|support|subscriptions|payments|payroll)\b|,\s+[A-Z][a-z]+\s+speaking))", RegexOptions.CultureInvariant)]
    private static partial Regex AgentCompany();
}
