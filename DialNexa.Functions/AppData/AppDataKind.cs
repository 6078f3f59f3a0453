namespace DialNexa.Functions.AppData;

/// <summary>
/// One kind of value the app keeps outside orchestration state. Kinds are declared once, in <see cref="AppDataKinds"/>;
/// erasure and retention enumerate that declaration.
/// </summary>
/// <param name="Name">A short name, unique among kinds; it is part of every stored key, so it never changes.</param>
/// <param name="Placement">Where values of this kind live.</param>
/// <param name="Purpose">What the values are, in a few words (shown in erasure reports).</param>
public sealed record AppDataKind(string Name, AppDataPlacement Placement, string Purpose)
{
    /// <summary>The scope of an index kind's items: the kind's own name.</summary>
    public string IndexScope => Placement == AppDataPlacement.PerCall
        ? throw new InvalidOperationException($"'{Name}' is kept per call; it has no index scope.")
        : Name;
}
