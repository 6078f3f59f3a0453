using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// The region the customer is taxed in now, in calls that talk about tax: where they moved to ("moved from California to
/// Texas", "registered for VAT in Ireland now"), what the agent sets ("update the tax region to Sweden"), else a region
/// they name. Where they moved from, or "our old UK VAT number", is the old region and never the answer.
/// </summary>
internal static class TaxRegionReader
{
    private const RegexOptions Linear = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Regex TaxTalk = new(@"\b(tax|taxes|vat|tin|gst|hst|sales tax|tax-exempt|exempt|exemption)\b", Linear);

    private static readonly Regex Moved = new(@"\b(moved|relocated|relocating|moving|transferred)\b", Linear);

    private static readonly Regex OldBefore = new(@"\b(from|used to be (in|based in)|old|previously( in)?|no longer (in|based in)|was in|were in|out of|instead of|not|no)\s+(the\s+|our\s+)?$", Linear);

    private static readonly Regex NewBefore = new(@"\b(to|in|into|based in|registered (for vat )?in|registered in|now in|tax region to|region to|region is|now)\s+(the\s+)?$", Linear);

    private static readonly Regex AgentSets = new(@"\b(tax region|region)\s+(to|is|as)\s+(the\s+)?$", Linear);

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        if (!call.Turns.Any(t => TaxTalk.IsMatch(t.Text)))
        {
            return;
        }

        foreach (var turn in call.Turns.Where(t => t.IsTranscript))
        {
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                var moved = Moved.IsMatch(sentence);
                var to = sentence.IndexOf(" to ", StringComparison.OrdinalIgnoreCase);
                foreach (Match match in Regions.Pattern.Matches(sentence))
                {
                    if (Regions.CanonicalName(match.Value) is not { } region)
                    {
                        continue;
                    }

                    var before = sentence[Math.Max(0, match.Index - 30)..match.Index];
                    CandidateRank rank;
                    if (OldBefore.IsMatch(before) || (moved && to > match.Index && before.Contains("from", StringComparison.OrdinalIgnoreCase)))
                    {
                        rank = CandidateRank.Replaced;
                    }
                    else if (AgentSets.IsMatch(before))
                    {
                        rank = CandidateRank.Verified;
                    }
                    else if (NewBefore.IsMatch(before) || (moved && to >= 0 && to < match.Index))
                    {
                        rank = turn.MaybeCaller ? CandidateRank.Stated : CandidateRank.Mentioned;
                    }
                    else
                    {
                        rank = CandidateRank.Mentioned;
                    }

                    into.Add(new FactCandidate(FactNames.TaxRegion, region, rank, turn.Index, offset + match.Index, match.Length, turn.Source));
                }
            }
        }
    }
}
