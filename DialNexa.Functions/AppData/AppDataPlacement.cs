namespace DialNexa.Functions.AppData;

/// <summary>Where a kind of value lives, which decides how erasure and retention find it.</summary>
public enum AppDataPlacement
{
    /// <summary>Under the call's ID: erased with the call.</summary>
    PerCall,

    /// <summary>In an index shared by all calls, one item per instance ID: the call's items are erased with it.</summary>
    Index,

    /// <summary>Kept after the call is erased (a keyed digest, never the call's data).</summary>
    KeptAfterErasure,
}
