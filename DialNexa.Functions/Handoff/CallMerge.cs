using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Handoff;

/// <summary>Combines a call's deliveries: later details (transcript, analysis) fill what earlier ones lacked.</summary>
internal static class CallMerge
{
    public static RedactedCall Merge(RedactedCall first, RedactedCall later)
    {
        var analysis = new Dictionary<string, string?>(first.Analysis, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in later.Analysis)
        {
            analysis[name] = value;
        }

        var redactions = new Dictionary<string, int>(first.Redactions);
        foreach (var (kind, count) in later.Redactions)
        {
            redactions[kind] = redactions.GetValueOrDefault(kind) + count;
        }

        return first with
        {
            Events = [.. first.Events, .. later.Events],
            Status = later.Status ?? first.Status,
            Direction = first.Direction ?? later.Direction,
            CallerPhone = first.CallerPhone ?? later.CallerPhone,
            AgentId = first.AgentId ?? later.AgentId,
            StartedAt = first.StartedAt ?? later.StartedAt,
            DurationSeconds = first.DurationSeconds ?? later.DurationSeconds,
            Turns = later.Turns.Count > first.Turns.Count ? later.Turns : first.Turns,
            TurnsKeptApart = first.TurnsKeptApart || later.TurnsKeptApart,
            Summary = later.Summary ?? first.Summary,
            HasRecording = first.HasRecording || later.HasRecording,
            HangupReason = first.HangupReason ?? later.HangupReason,
            Analysis = analysis,
            Suppression = first.Suppression.Merge(later.Suppression),
            Redactions = redactions,
            Problems = [.. first.Problems, .. later.Problems],
        };
    }
}
