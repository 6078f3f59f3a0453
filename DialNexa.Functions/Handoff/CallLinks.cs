using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The links every note and alert carries: the call's status page, its redacted transcript, the recording. DialNexa's
/// recording URL is pre-signed (anyone holding it can download the audio for about 7 days, and the audio holds whatever
/// the caller read aloud), so notes and alerts carry <see cref="RecordingLink"/>, our own admin-gated redirect to it,
/// never the signed URL itself.
/// </summary>
/// <param name="RecordingLink">The gated link to the recording (<c>/api/calls/{id}/recording</c>), or null when DialNexa sent none.</param>
public sealed record CallLinks(string CallId, string StatusUrl, string TranscriptUrl, string? RecordingLink)
{
    public static CallLinks For(string baseUrl, string callId, bool hasRecording)
    {
        var root = baseUrl.TrimEnd('/') + "/api/calls/" + Uri.EscapeDataString(callId);
        return new CallLinks(callId, root, root + "/transcript", hasRecording ? root + "/recording" : null);
    }

    /// <summary>
    /// A late delivery's links: its own status and redacted transcript (by its instance ID, which
    /// <c>GET /api/calls/{id}</c> answers), and the call's recording, which is the call's, not the delivery's.
    /// </summary>
    public static CallLinks ForLateDelivery(string baseUrl, string callId, string instanceId, bool hasRecording)
    {
        var own = For(baseUrl, instanceId, hasRecording: false);
        return own with { CallId = callId, RecordingLink = For(baseUrl, callId, hasRecording).RecordingLink };
    }

    public IReadOnlyList<ProviderLink> AsProviderLinks()
    {
        var links = new List<ProviderLink> { new("Call status", StatusUrl), new("Transcript (redacted)", TranscriptUrl) };
        if (RecordingLink is not null)
        {
            links.Add(new ProviderLink("Recording", RecordingLink));
        }

        return links;
    }
}
