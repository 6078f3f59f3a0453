using System.Diagnostics;
using OpenTelemetry;

namespace DialNexa.Functions.Telemetry;

/// <summary>
/// Takes from every span what must not leave the app: query strings (the admin key as <c>code=</c>, Plisio's API key),
/// approval tokens in paths, the path of a Slack incoming-webhook URL (itself a credential), and pre-signed recording
/// URLs. Runs before any exporter sees the span.
/// </summary>
internal sealed class SpanScrubber : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "url.path", "url.query", "http.url", "http.target", "url.original"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string value)
            {
                data.SetTag(tag, tag == "url.query" ? null : Clean(value));
            }
        }

        if (data.DisplayName.Contains("/api/approvals/", StringComparison.Ordinal) || data.DisplayName.Contains('?', StringComparison.Ordinal))
        {
            data.DisplayName = Clean(data.DisplayName);
        }
    }

    /// <summary>A URL or path without its query, with approval tokens and Slack webhook paths replaced by placeholders.</summary>
    internal static string Clean(string urlOrPath)
    {
        ArgumentNullException.ThrowIfNull(urlOrPath);
        var text = urlOrPath;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            text = text[..query];
        }

        var approvals = text.IndexOf("/api/approvals/", StringComparison.Ordinal);
        if (approvals >= 0)
        {
            text = text[..(approvals + "/api/approvals/".Length)] + "{token}";
        }

        if (text.Contains("hooks.slack.com", StringComparison.OrdinalIgnoreCase))
        {
            var services = text.IndexOf("/services/", StringComparison.OrdinalIgnoreCase);
            text = services >= 0 ? text[..(services + "/services/".Length)] + "{webhook}" : text;
        }

        return text;
    }
}
