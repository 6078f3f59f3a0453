namespace DialNexa.Functions.AppData;

/// <summary>A stored value with the version a conditional replace must name.</summary>
public sealed record StoredVersion(ReadOnlyMemory<byte> Value, string Version);
