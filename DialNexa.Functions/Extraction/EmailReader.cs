using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The account's email, written or spoken ("a p at tallow logistics dot com"). The address the agent verifies, or names
/// as the one on file, outranks what the caller said first; an address the caller corrects to outranks the one before;
/// a second address the caller asks to copy in is only mentioned; a mailbox the call says is dead or bouncing, and the
/// agent's own company address the caller is asked to write to, are never the account's email.
/// </summary>
internal static class EmailReader
{
    private static readonly Regex Written = new(@"[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){1,4}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex Dead = new(
        @"\b(dead|doesn't work|does not work|don't use|do not use|no longer|not working|shut (it )?down|old|used to|bounc\w*|anymore|any more|replaced|not monitored|isn't monitored)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex OnFile = new(
        @"\b(on file|on the account|verified email|we have on file|account email|matches the account|billing email|email on record|registered email|verified)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex ConfirmQuestion = new(
        @"\b(is that (still )?(right|correct|it|ok)|can i confirm|let me confirm|to confirm|is it\b|right\?|correct\?|still (right|correct|good))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AsksCallerToSend = new(
        @"\b((can|could|would) you (please )?(email|send|forward|pop)|please (email|send|forward))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex AlsoSendTo = new(
        @"\b(as well|also|too|copy|cc|in addition)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Keywords Spoken = new(" at ");
    private static readonly Keywords Dot = new(" dot ");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        var found = new List<FactCandidate>();
        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                var written = sentence.Contains('@', StringComparison.Ordinal);
                var spoken = Spoken.In(sentence) && Dot.In(sentence);
                if (!written && !spoken)
                {
                    continue;
                }

                var addresses = (written ? Written.Matches(sentence).Select(m => (m.Index, End: m.Index + m.Length, Address: m.Value.ToLowerInvariant())) : [])
                    .Concat(spoken ? SpokenEmail.Find(sentence).Select(s => (Index: s.Start, s.End, s.Address)) : [])
                    .OrderBy(a => a.Index);
                foreach (var (start, end, address) in addresses)
                {
                    found.Add(new FactCandidate(FactNames.Email, address, Rank(call, turn, sentence, address, found), turn.Index, offset + start, end - start, turn.Source));
                }
            }
        }

        into.AddRange(found);
    }

    private static CandidateRank Rank(CallConversation call, ConversationTurn turn, string sentence, string address, List<FactCandidate> earlier)
    {
        var domain = address[(address.IndexOf('@') + 1)..];
        if (Dead.IsMatch(sentence) || call.AgentCompanyWords.Any(w => domain.StartsWith(w, StringComparison.OrdinalIgnoreCase)))
        {
            return CandidateRank.Replaced;
        }

        var saidBefore = earlier.Any(e => e.Value == address && e.Rank != CandidateRank.Replaced);
        if (turn.Party == Party.Agent)
        {
            if (!saidBefore && AsksCallerToSend.IsMatch(sentence))
            {
                return CandidateRank.Replaced;
            }

            if (OnFile.IsMatch(sentence))
            {
                return CandidateRank.Verified;
            }

            var confirmed = CallConversation.Affirms(call.Reply(turn.Index, Party.Agent));
            return (ConfirmQuestion.IsMatch(sentence) && confirmed) || saidBefore ? CandidateRank.Verified : CandidateRank.Mentioned;
        }

        return AlsoSendTo.IsMatch(sentence) && earlier.Any(e => e.Value != address && e.Rank >= CandidateRank.Stated) ? CandidateRank.Mentioned : CandidateRank.Stated;
    }
}
