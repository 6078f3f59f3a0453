namespace DialNexa.Functions.Providers;

/// <summary>An HTTP request exactly as sent (or as it would be sent in dry run), with secrets masked.</summary>
public sealed record RenderedRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body);
