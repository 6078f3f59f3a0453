namespace DialNexa.Functions.Calls;

/// <summary>
/// One delivery's call facts as DialNexa sent them (before redaction; never stored or logged as such). The transcript
/// stays in its delivered shape: a JSON string of turns, an array of turns, or "Agent:/User:" text.
/// </summary>
internal sealed record DialNexaCall
{
    public required string CallId { get; init; }

    public required string EventName { get; init; }

    public string? Status { get; init; }

    public string? Direction { get; init; }

    public string? FromNumber { get; init; }

    public string? ToNumber { get; init; }

    public string? AgentId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>The transcript as JSON text (a string, an array) or plain text; null when absent.</summary>
    public string? TranscriptJson { get; init; }

    public string? Summary { get; init; }

    public string? RecordingUrl { get; init; }

    public string? HangupReason { get; init; }

    public IReadOnlyDictionary<string, string?> Analysis { get; init; } = new Dictionary<string, string?>();

    public string? TransferDestination { get; init; }
}
