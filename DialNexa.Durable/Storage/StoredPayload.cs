namespace DialNexa.Durable.Storage;

/// <summary>An opaque payload kept beside the orchestration data (a claim check), by key.</summary>
public sealed record StoredPayload(string Key, ReadOnlyMemory<byte> Data);
