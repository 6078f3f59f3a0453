namespace DialNexa.Functions.Extraction;

/// <summary>
/// A value for a fact found in one place of the call: its rank, the turn and character offset where it was said (to
/// order values and see corrections between them), and the source written into the fact.
/// </summary>
internal sealed record FactCandidate(string Name, string Value, CandidateRank Rank, int Turn, int Offset, int Length, string Source)
{
    /// <summary>Position in the call: earlier turns first, then earlier characters.</summary>
    public long Order => ((long)Turn << 20) + Offset;
}
