namespace DialNexa.Functions.Extraction;

/// <summary>How much a value read from the call counts when several are found for one fact.</summary>
internal enum CandidateRank
{
    /// <summary>The call says it is no longer right: moved away from, a dead mailbox, corrected, the agent's own company address.</summary>
    Replaced,

    /// <summary>Said in passing, asked for as a second address, or offered by the agent without the caller confirming.</summary>
    Mentioned,

    /// <summary>The caller gave it.</summary>
    Stated,

    /// <summary>The caller corrected an earlier value to this one.</summary>
    Corrected,

    /// <summary>The agent read it back and the caller confirmed, or the agent named it as what the account holds.</summary>
    Verified,

    /// <summary>DialNexa's post-call analysis field.</summary>
    Analysis,
}
