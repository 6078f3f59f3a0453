namespace DialNexa.Functions.Providers;

/// <summary>A labelled absolute URL carried into notes and Slack buttons.</summary>
public sealed record ProviderLink(string Label, string Url);
