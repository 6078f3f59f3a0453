using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The links every note and alert carries: the call's status page, its redacted transcript, the recording. DialNexa's
/// recording URL is pre-signed (anyone holding it can download the audio for about 7 days, and the audio holds whatever
/// the caller read aloud), so notes and alerts carry <see cref="RecordingLink"/>, our own admin-gated redirect to it,
/// never the signed URL itself.
/// </summary>
public sealed record CallLinks(string CallId, string StatusUrl, string TranscriptUrl, string? RecordingUrl)
{
    /// <summary>The gated link to the recording (<c>/api/calls/{id}/recording</c>), or null when DialNexa sent none.</summary>
    public string? RecordingLink => RecordingUrl is null ? null : StatusUrl + "/recording";

    public static CallLinks For(string baseUrl, string callId, string? recordingUrl)
    {
        var root = baseUrl.TrimEnd('/') + "/api/calls/" + Uri.EscapeDataString(callId);
        return new CallLinks(callId, root, root + "/transcript", recordingUrl);
    }

    public IReadOnlyList<ProviderLink> AsProviderLinks()
    {
        var links = new List<ProviderLink> { new("Call status", StatusUrl), new("Transcript (redacted)", TranscriptUrl) };
        if (RecordingUrl is not null)
        {
            links.Add(new ProviderLink("Recording", RecordingLink!));
        }

        return links;
    }
}
