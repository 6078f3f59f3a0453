namespace DialNexa.Functions.Calls;

/// <summary>
/// A call as the handoff keeps it: every free-text field redacted (card, bank and tax numbers replaced by typed
/// placeholders), numbers it needs kept. This is the only form of the call that enters history or status.
/// </summary>
public sealed record RedactedCall
{
    public required string CallId { get; init; }

    public IReadOnlyList<string> Events { get; init; } = [];

    public string? Status { get; init; }

    public string? Direction { get; init; }

    /// <summary>The caller's number in E.164 (with '+').</summary>
    public string? CallerPhone { get; init; }

    public string? AgentId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public double? DurationSeconds { get; init; }

    public IReadOnlyList<RedactedTurn> Turns { get; init; } = [];

    public string? Summary { get; init; }

    /// <summary>
    /// DialNexa sent a recording URL. The URL itself is pre-signed (a bearer link to audio that holds whatever the
    /// caller read aloud), so it is kept apart (<see cref="CallRecordingStore"/>), never in the call, its history or status.
    /// </summary>
    public bool HasRecording { get; init; }

    public string? HangupReason { get; init; }

    public IReadOnlyDictionary<string, string?> Analysis { get; init; } = new Dictionary<string, string?>();

    public SuppressionSummary Suppression { get; init; } = SuppressionSummary.None;

    /// <summary>How many values of each kind were redacted (for example "CardNumber": 1); never the values.</summary>
    public IReadOnlyDictionary<string, int> Redactions { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// What could not be read of the call's deliveries (a body the redactor could not process): each goes to the review
    /// queue as a reason, and nothing is planned from the call.
    /// </summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>
    /// This copy leaves the turns out (<see cref="WithoutTurns"/>): they are kept with the call's redacted deliveries
    /// (<see cref="CallTranscripts"/>), where the steps that read them find them.
    /// </summary>
    public bool TurnsKeptApart { get; init; }

    /// <summary>True when the call connected and has something to act on (a transcript, a summary or analysis fields).</summary>
    public bool HasContent => Turns.Count > 0 || TurnsKeptApart || !string.IsNullOrWhiteSpace(Summary) || Analysis.Count > 0;

    /// <summary>
    /// The call without its turns, as the handoff keeps it in its history: a transcript would otherwise be stored again
    /// with every step that took the call as input, each copy escaped inside the runtime's JSON.
    /// </summary>
    public RedactedCall WithoutTurns() => Turns.Count == 0 ? this : this with { Turns = [], TurnsKeptApart = true };
}
