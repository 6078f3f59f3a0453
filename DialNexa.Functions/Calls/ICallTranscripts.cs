namespace DialNexa.Functions.Calls;

/// <summary>A call's redacted content as kept after redaction, for pages that show it (approval pages, status).</summary>
internal interface ICallTranscripts
{
    /// <summary>The call as its handoff read it; null when the call is unknown or nothing of it is redacted yet.</summary>
    Task<RedactedCall?> ReadAsync(string callId, CancellationToken cancellationToken);
}
