namespace DialNexa.Functions.Providers.Slack;

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
}
