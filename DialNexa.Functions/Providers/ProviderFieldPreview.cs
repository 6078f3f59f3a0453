namespace DialNexa.Functions.Providers;

/// <summary>
/// One field of a previewed request: its path as sent (<c>first_name</c>, <c>metadata</c>, <c>?order_number</c> for a
/// query parameter), the value the provider holds for it now (null when unknown or when the record is new) and the value
/// it will be sent, both as JSON text would show them (strings unquoted).
/// </summary>
public sealed record ProviderFieldPreview(string Path, string? Current, string? Sent);
