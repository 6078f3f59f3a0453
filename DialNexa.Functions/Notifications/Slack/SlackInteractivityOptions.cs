namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// Slack interactivity (section <c>Providers:Slack</c>): the app's signing secret
/// (<c>Providers__Slack__SigningSecret</c>, Basic Information → App Credentials; a value or a Key Vault reference)
/// that every request to <c>/api/slack/interactions</c> must be signed with. Unset: the route refuses every request.
/// </summary>
public sealed class SlackInteractivityOptions
{
    public const string SectionName = "Providers:Slack";

    public const string SigningSecretSetting = "Providers__Slack__SigningSecret";

    public string? SigningSecret { get; set; }

    /// <summary>How old a request's timestamp may be, in seconds (Slack's own verifiers use 300).</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    public const string ResponseUrlHostsSetting = "Providers__Slack__ResponseUrlHosts";

    /// <summary>
    /// Where an interaction's <c>response_url</c> may point for the reply to be sent (<c>Providers__Slack__ResponseUrlHosts</c>):
    /// comma-separated host names (HTTPS only) or origins such as <c>http://127.0.0.1:8080</c>. Default: Slack's own
    /// <c>hooks.slack.com</c>. A signed click is still counted when its <c>response_url</c> points elsewhere; only the reply is not sent.
    /// </summary>
    public string ResponseUrlHosts { get; set; } = "hooks.slack.com";

    /// <summary>True when <paramref name="url"/> is on a host (HTTPS) or origin of <see cref="ResponseUrlHosts"/>, without user info.</summary>
    public bool AllowsResponseUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        foreach (var entry in ResponseUrlHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains("://", StringComparison.Ordinal))
            {
                if (Uri.TryCreate(entry, UriKind.Absolute, out var origin)
                    && string.Equals(origin.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(origin.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase)
                    && origin.Port == url.Port)
                {
                    return true;
                }
            }
            else if (url.Scheme == Uri.UriSchemeHttps && string.Equals(entry, url.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
