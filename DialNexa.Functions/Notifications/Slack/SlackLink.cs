namespace DialNexa.Functions.Notifications.Slack;

/// <summary>A labelled absolute URL shown as a link button under a Slack message.</summary>
public sealed record SlackLink(string Label, string Url);
