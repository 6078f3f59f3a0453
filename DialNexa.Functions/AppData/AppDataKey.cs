namespace DialNexa.Functions.AppData;

/// <summary>The address of one stored value: its kind, its scope (a call ID, or an index's name) and its item within the scope.</summary>
public readonly record struct AppDataKey
{
    private AppDataKey(AppDataKind kind, string scope, string item)
    {
        Kind = kind;
        Scope = scope;
        Item = item;
    }

    public AppDataKind Kind { get; }

    public string Scope { get; }

    public string Item { get; }

    /// <summary>A value kept for one call.</summary>
    public static AppDataKey ForCall(AppDataKind kind, string callId, string item)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Placement != AppDataPlacement.PerCall)
        {
            throw new ArgumentException($"'{kind.Name}' is not kept per call.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentException.ThrowIfNullOrEmpty(item);
        return new AppDataKey(kind, callId, item);
    }

    /// <summary>An item of an index (or of the values kept after erasure).</summary>
    public static AppDataKey InIndex(AppDataKind kind, string item)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(item);
        return new AppDataKey(kind, kind.IndexScope, item);
    }

    public override string ToString() => $"{Kind.Name}/{Scope}/{Item}";
}
