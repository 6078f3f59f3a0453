namespace DialNexa.Functions.Tests.Providers;

/// <summary>A request a loopback fake received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, IReadOnlyDictionary<string, string> Headers, string Body);
