namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>One request that went through Prism: what was sent, what came back, and the spec violations Prism named.</summary>
public sealed record PrismExchange(string Method, string PathAndQuery, int Status, IReadOnlyList<string> Violations)
{
    public override string ToString() => $"{Method} {PathAndQuery} -> {Status}" + (Violations.Count == 0 ? "" : ": " + string.Join("; ", Violations));
}
