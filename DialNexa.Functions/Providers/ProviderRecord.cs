using System.Text.Json.Nodes;

namespace DialNexa.Functions.Providers;

/// <summary>A record a provider holds, as read back: its JSON, its ID and dashboard link, and a few words naming it for people.</summary>
public sealed record ProviderRecord(JsonNode Value, string? Id, string? Url, string Description);
