using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Redaction;

/// <summary>A redacted call and what was removed from its transcript (kind, turn, offset and length; never the values).</summary>
internal sealed record CallRedaction(RedactedCall Call, IReadOnlyList<RedactionFinding> TranscriptFindings);
