namespace DialNexa.Functions.Handoff.Messages;

/// <summary>How a message reaches people.</summary>
public enum MessageChannel
{
    /// <summary>The finance channel's incoming webhook.</summary>
    Slack,

    /// <summary>An approver's personal approval link, by SMTP.</summary>
    Email,
}
