using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Files a call under a workflow by weighing evidence from both speakers, DialNexa's summary and its post-call analysis
/// intent: each phrase of <see cref="WorkflowCues"/> adds its weight (the caller's words count fully, the agent's less,
/// except on outbound calls where the agent raises the matter; "not a refund" and "rather than a refund" count for
/// nothing). Confidence grows with the winner's weight and its lead over the runner-up, so a thin or split call comes
/// out below the review threshold instead of being guessed; the evidence names the phrases and who said them.
/// </summary>
internal static partial class WorkflowClassifier
{
    private const double IntentWeight = 4.0;
    private const double MinimumScore = 1.0;

    /// <summary>The cues joined six at a time (all in one would outgrow the linear engine's limit): only a group that matches has its cues tried one by one.</summary>
    private static readonly (Regex Any, WorkflowCue[] Cues)[] CueGroups = [.. WorkflowCues.All.Chunk(6).Select(chunk => (new Regex(
        string.Join('|', chunk.Select(c => "(?:" + c.Pattern + ")")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), chunk))];

    public static WorkflowDecision Classify(CallConversation call, string? intent)
    {
        var evidence = new Dictionary<HandoffWorkflow, List<(double Weight, string Text)>>();
        void Add(HandoffWorkflow workflow, double weight, string text)
        {
            if (!evidence.TryGetValue(workflow, out var list))
            {
                evidence[workflow] = list = [];
            }

            list.Add((weight, text));
        }

        if (intent is { Length: > 0 } && WorkflowCues.FromIntent(intent) is { } named)
        {
            Add(named, IntentWeight, $"analysis intent \"{intent}\"");
        }

        foreach (var turn in call.Turns)
        {
            var partyWeight = turn.Party switch
            {
                Party.Caller => 1.0,
                Party.Unknown => 0.9,
                Party.Agent => call.Outbound ? 0.9 : 0.6,
                _ => 0.8,
            };
            var who = turn.Party switch { Party.Caller => "caller", Party.Agent => "agent", Party.Summary => "summary", _ => "call" };
            foreach (var (sentence, _) in TurnText.SentencesOf(turn))
            {
                var weight = partyWeight * (turn.Party == Party.Agent && TurnText.IsQuestion(sentence) ? 0.5 : 1.0);
                foreach (var cue in CueGroups.Where(g => g.Any.IsMatch(sentence)).SelectMany(g => g.Cues))
                {
                    var match = cue.Pattern.Match(sentence);
                    if (match.Success && !(cue.Negatable && Negated(sentence, match.Index)))
                    {
                        Add(cue.Workflow, cue.Weight * weight, $"{who} \"{match.Value}\" ({turn.Source})");
                    }
                }

                if (RenewalWord().IsMatch(sentence) && FailureWord().IsMatch(sentence))
                {
                    Add(HandoffWorkflow.RenewalFailure, 1.0 * weight, $"{who}: a renewal that failed ({turn.Source})");
                }
            }
        }

        var ranked = evidence.Select(e => (Workflow: e.Key, Score: e.Value.Sum(v => v.Weight), Cues: e.Value)).OrderByDescending(e => e.Score).ToList();
        if (ranked.Count == 0 || ranked[0].Score < MinimumScore)
        {
            var weak = ranked.Count == 0 ? "no finance phrase in the call" : "only weak hints: " + Describe(ranked[0].Workflow, ranked[0].Score, ranked[0].Cues);
            return new WorkflowDecision(HandoffWorkflow.Other, ranked.Count == 0 ? 0.3 : 0.4, weak);
        }

        var (workflow, top, cues) = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Score : 0;
        var strength = 1 - Math.Exp(-top / 2.0);
        var lead = (top - second) / top;
        var confidence = Math.Round(Math.Clamp(0.35 + (0.6 * strength * (0.4 + (0.6 * lead))), 0.3, 0.97), 2);
        var text = new StringBuilder(Describe(workflow, top, cues));
        if (ranked.Count > 1 && second >= top / 2)
        {
            text.Append("; runner-up ").Append(Describe(ranked[1].Workflow, second, ranked[1].Cues));
        }

        return new WorkflowDecision(workflow, confidence, text.ToString());
    }

    private static string Describe(HandoffWorkflow workflow, double score, List<(double Weight, string Text)> cues) =>
        string.Create(CultureInfo.InvariantCulture, $"{workflow} {score:0.0}: ") + string.Join("; ", cues.OrderByDescending(c => c.Weight).Take(4).Select(c => c.Text));

    /// <summary>"not", "no", "never", "didn't", "rather than", "instead of" within the three words before the phrase.</summary>
    private static bool Negated(string sentence, int at) => Negation().IsMatch(sentence.AsSpan(Math.Max(0, at - 40), at - Math.Max(0, at - 40)));

    [GeneratedRegex(@"(^|\s)(not|no|never|than|instead|without|\w+n't)(\s+[^\s,;]+){0,3}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(renew\w*|auto-?renew\w*|subscription)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RenewalWord();

    [GeneratedRegex(@"\b(declined|failed|refused|bounced|won't go through|didn't go through|couldn't be processed|keeps getting refused|not renewed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FailureWord();
}
