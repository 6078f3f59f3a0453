namespace DialNexa.Functions.Redaction;

/// <summary>Who spoke a turn: DialNexa's agent, the caller, or unknown.</summary>
public enum Speaker
{
    Unknown,
    Agent,
    User,
}
