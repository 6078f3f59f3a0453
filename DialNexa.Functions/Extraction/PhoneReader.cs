using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// A number the caller gives to be reached on, written or read aloud ("ring me on oh seven seven double zero…", "my cell
/// is three one two, five five five…"), or one the agent reads out that the caller confirms; it outranks the caller ID.
/// </summary>
internal static class PhoneReader
{
    private static readonly Regex CallerGivesNumber = new(
        @"\b(call me|ring me|reach me|text me|get me|contact me|whatsapp me|call me back|ring me back|my (cell|mobile|number|phone|line|direct line|work number|whatsapp|landline)|number is|number's|best number|direct line|on this number|reach (me|us) (at|on))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AgentGivesNumber = new(
        @"\b(call|ring|reach|text) (you|him|her|them|\p{Lu}\p{Ll}+) (back )?(on|at)\b|\b(that's|so that's|i have|your number is|number is|on)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AgentsOwnLine = new(
        @"\b(our|my) (number|line|office|support|helpline|team)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Keywords Context = new("call", "ring", "reach", "text", "number", "line", "cell", "mobile", "phone", "whatsapp", "contact", "that's", "get me");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        var found = new List<FactCandidate>();
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                if (!Context.In(sentence))
                {
                    continue;
                }

                foreach (var run in SpokenDigits.Find(sentence))
                {
                    if (run.Digits.Length is < 9 or > 15 || PhoneNumbers.FromSpoken(run.Digits, run.Plus, call.Call.CallerPhone) is not { } phone)
                    {
                        continue;
                    }

                    var before = sentence[Math.Max(0, run.Start - 60)..run.Start];
                    CandidateRank rank;
                    if (turn.MaybeCaller && (CallerGivesNumber.IsMatch(before) || CallerGivesNumber.IsMatch(sentence)))
                    {
                        rank = CandidateRank.Stated;
                    }
                    else if (turn.Party == Party.Agent && !AgentsOwnLine.IsMatch(before) && (AgentGivesNumber.IsMatch(before) || found.Any(f => f.Value == phone)))
                    {
                        var confirmed = CallConversation.Affirms(call.Reply(turn.Index, Party.Agent));
                        rank = found.Any(f => f.Value == phone) || confirmed ? CandidateRank.Verified : CandidateRank.Mentioned;
                    }
                    else
                    {
                        continue;
                    }

                    found.Add(new FactCandidate(FactNames.Phone, phone, rank, turn.Index, offset + run.Start, run.End - run.Start, turn.Source));
                }
            }
        }

        into.AddRange(found);
    }
}
