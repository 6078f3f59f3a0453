namespace DialNexa.Functions.Approvals;

/// <summary>
/// Email delivery of personal approval links (section <c>DialNexa:Approvals:Email</c>). When a host and sender are set,
/// each approver gets their own link by email and the Slack channel sees only the Approve/Reject buttons, which check
/// the clicker's Slack member ID. When unset, the links go in the Slack message, where every channel member can open them.
/// </summary>
public sealed class ApprovalEmailOptions
{
    /// <summary>The SMTP server (<c>DialNexa__Approvals__Email__Host</c>).</summary>
    public string? Host { get; set; }

    /// <summary>Its port (<c>__Port</c>, default 587, the submission port).</summary>
    public int Port { get; set; } = 587;

    /// <summary>STARTTLS before anything is sent (<c>__EnableSsl</c>, default true). Off only for a relay on this machine.</summary>
    public bool EnableSsl { get; set; } = true;

    /// <summary>The sender address (<c>__From</c>).</summary>
    public string? From { get; set; }

    /// <summary>SMTP user name (<c>__UserName</c>); with it, <c>__Password</c> (a value or a Key Vault reference).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one send may take (<c>__TimeoutSeconds</c>, default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
