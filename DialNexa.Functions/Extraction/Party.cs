namespace DialNexa.Functions.Extraction;

/// <summary>Who said a piece of a call: the caller, DialNexa's agent, someone not labelled, or DialNexa's summary of it.</summary>
internal enum Party
{
    Unknown,
    Caller,
    Agent,
    Summary,
}
