using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The links every note and alert carries: the call's status page, its redacted transcript, the recording. DialNexa's
/// recording URL is pre-signed (anyone holding it can download the audio for about 7 days, and the audio holds whatever
/// the caller read aloud), so notes and alerts carry <see cref="RecordingLink"/>, our own admin-gated redirect to it,
/// never the signed URL itself.
/// </summary>
/// <param name="RecordingLink">The gated link to the recording (<c>/api/calls/{id}/recording</c>), or null when DialNexa sent none.</param>
/// <param name="CallStatusUrl">For a late delivery, the status of the call it belongs to (to compare with); null for a call's own links.</param>
public sealed record CallLinks(string CallId, string StatusUrl, string TranscriptUrl, string? RecordingLink, string? CallStatusUrl = null)
{
    public static CallLinks For(string baseUrl, string callId, bool hasRecording)
    {
        var root = baseUrl.TrimEnd('/') + "/api/calls/" + Uri.EscapeDataString(callId);
        return new CallLinks(callId, root, root + "/transcript", hasRecording ? root + "/recording" : null);
    }

    /// <summary>
    /// A late delivery's links: its own status and redacted transcript (by its instance ID, which
    /// <c>GET /api/calls/{id}</c> answers), the status of the call it belongs to (its outcome, to compare with), and the
    /// call's recording, which is the call's, not the delivery's.
    /// </summary>
    public static CallLinks ForLateDelivery(string baseUrl, string callId, string instanceId, bool hasRecording)
    {
        var own = For(baseUrl, instanceId, hasRecording: false);
        var call = For(baseUrl, callId, hasRecording);
        return own with { CallId = callId, RecordingLink = call.RecordingLink, CallStatusUrl = call.StatusUrl };
    }

    public IReadOnlyList<ProviderLink> AsProviderLinks() => [.. Labelled().Select(l => new ProviderLink(l.Label, l.Url))];

    /// <summary>The same links as buttons under a Slack message.</summary>
    public IReadOnlyList<SlackLink> AsSlackLinks() => [.. Labelled().Select(l => new SlackLink(l.Label, l.Url))];

    private List<(string Label, string Url)> Labelled()
    {
        var links = CallStatusUrl is null
            ? new List<(string Label, string Url)> { ("Call status", StatusUrl), ("Transcript (redacted)", TranscriptUrl) }
            : [("Late delivery", StatusUrl), ("Its transcript (redacted)", TranscriptUrl), ("The call's status", CallStatusUrl)];
        if (RecordingLink is not null)
        {
            links.Add(("Recording", RecordingLink));
        }

        return links;
    }
}
