using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Redaction;

/// <summary>Redacted turns (same order and speakers), what was removed, and the suppression flags.</summary>
public sealed record TranscriptRedactionResult(IReadOnlyList<TranscriptTurn> Turns, IReadOnlyList<RedactionFinding> Findings, SuppressionSummary Flags);
