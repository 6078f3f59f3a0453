namespace DialNexa.Benchmarks.App;

/// <summary>One webhook body with its call ID and DialNexa's signature header value.</summary>
internal sealed record SignedCall(string Id, byte[] Body, string Signature);
