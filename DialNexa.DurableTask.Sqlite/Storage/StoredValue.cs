namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>A value as a row holds it: a <see cref="CompactJson"/> blob, or the first codec's text (<see cref="StoredJson"/>).</summary>
internal readonly record struct StoredValue(byte[]? Blob, string? Text)
{
    /// <summary>What a SqliteCommand parameter takes (a byte array binds as a BLOB).</summary>
    public object Value => (object?)Blob ?? Text ?? throw new InvalidOperationException("An empty stored value.");
}
