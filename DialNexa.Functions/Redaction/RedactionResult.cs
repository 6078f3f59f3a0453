using DialNexa.Functions.Calls;

namespace DialNexa.Functions.Redaction;

/// <summary>Redacted text, what was removed, and the suppression flags.</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<RedactionFinding> Findings, SuppressionSummary Flags);
