using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Who owns the account or its billing on the customer's side when it is a role rather than a named person: "send it to
/// our office manager, she handles all the invoices". Named owners and "I'm the owner" are read with the caller's name.
/// </summary>
internal static class OwnerReader
{
    private const string Roles = "office manager|finance manager|accountant|bookkeeper|controller|finance director|finance team|accounts team|accounts payable|ap team|practice manager|operations manager|managing director|treasurer|cfo|ceo|finance lead|head of finance|business manager";

    private static readonly Regex RoleHandles = new(
        @"\b(our|the|my) (?<role>" + Roles + @")\b[^.?!]{0,40}?\b(handles|manages|looks after|takes care of|deals with|is in charge of|owns|does|runs)\s+(all\s+)?(the\s+|our\s+)?(billing|invoices|invoicing|accounts|payments|finances|finance)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Regex RoleOwns = new(
        @"\b(our|the|my) (?<role>" + Roles + @") (is )?(the )?(account |billing )?owner\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly Keywords RoleWords = new("manager", "accountant", "bookkeeper", "controller", "director", "team", "payable", "treasurer", "cfo", "ceo", "lead", "head of");

    public static void Read(CallConversation call, List<FactCandidate> into)
    {
        foreach (var turn in call.Turns.Where(t => t.MaybeCaller))
        {
            foreach (var (sentence, offset) in TurnText.SentencesOf(turn))
            {
                if (!RoleWords.In(sentence))
                {
                    continue;
                }

                foreach (var regex in new[] { RoleHandles, RoleOwns })
                {
                    if (regex.Match(sentence) is { Success: true } match)
                    {
                        var role = match.Groups["role"];
                        into.Add(new FactCandidate(FactNames.Owner, role.Value.ToLowerInvariant(), CandidateRank.Stated, turn.Index, offset + role.Index, role.Length, turn.Source));
                    }
                }
            }
        }
    }
}
