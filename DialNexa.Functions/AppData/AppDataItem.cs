namespace DialNexa.Functions.AppData;

/// <summary>One item of a listing: its name within the scope and its value.</summary>
public sealed record AppDataItem(string Item, ReadOnlyMemory<byte> Value);
