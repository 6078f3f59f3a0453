namespace DialNexa.Functions.Providers;

/// <summary>What reading a provider back showed about a write.</summary>
public enum ReadBackState
{
    /// <summary>The provider holds the write's effect.</summary>
    Holds,

    /// <summary>The provider answered, and the effect is not there (yet).</summary>
    Absent,

    /// <summary>The provider could not be read (outage, refusal, unreadable answer).</summary>
    Unknown,
}
