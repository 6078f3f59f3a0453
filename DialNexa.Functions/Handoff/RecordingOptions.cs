namespace DialNexa.Functions.Handoff;

/// <summary>
/// Where <c>GET /api/calls/{id}/recording</c> may send a browser (section <c>DialNexa:Recordings</c>):
/// <c>DialNexa__Recordings__AllowedHosts</c>, comma-separated host names, <c>*.</c> in front for any subdomain. The URL
/// comes from a signed delivery, but a redirect to wherever it points would make this app an open redirect for anyone
/// holding the webhook secret; only HTTPS URLs on these hosts are followed. Default: DialNexa's own hosts and Azure Blob
/// Storage, where DialNexa keeps recordings (<c>recording_sas_url</c>).
/// </summary>
public sealed class RecordingOptions
{
    public const string SectionName = "DialNexa:Recordings";

    public const string AllowedHostsSetting = "DialNexa__Recordings__" + nameof(AllowedHosts);

    public const string DefaultAllowedHosts = "*.dialnexa.com, *.blob.core.windows.net";

    public string AllowedHosts { get; set; } = DefaultAllowedHosts;

    public IReadOnlyList<string> Hosts() =>
        [.. AllowedHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>True for an HTTPS URL whose host is listed (or under a listed <c>*.</c> domain).</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(url.UserInfo) && Hosts().Any(pattern => Matches(pattern, url.IdnHost));
    }

    /// <summary>Null when every entry is a host name or <c>*.</c> and a domain; otherwise a sentence naming the setting.</summary>
    public string? Problem()
    {
        foreach (var pattern in Hosts())
        {
            var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
            if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            {
                return $"{AllowedHostsSetting}: '{pattern}' is not a host name; list host names such as recordings.example.com or *.blob.core.windows.net, without scheme or path.";
            }
        }

        return null;
    }

    private static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
}
