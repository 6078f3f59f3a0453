namespace DialNexa.Functions.AppData;

/// <summary>One value to put under one key, as part of a write that puts several.</summary>
public sealed record AppDataWrite(AppDataKey Key, ReadOnlyMemory<byte> Value);
