using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>The links every note and alert carries: the call's status page, its redacted transcript, the recording.</summary>
public sealed record CallLinks(string CallId, string StatusUrl, string TranscriptUrl, string? RecordingUrl)
{
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
            links.Add(new ProviderLink("Recording", RecordingUrl));
        }

        return links;
    }
}
