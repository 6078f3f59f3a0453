namespace DialNexa.Functions.Approvals;

/// <summary>Whether an approver's personal link reached them by email, and if not, why (the SMTP server's answer).</summary>
public sealed record ApprovalDelivery(string Approver, bool Sent, string? Problem)
{
    /// <summary>The relay refused the mail for good (a 5xx answer: mailbox unknown, not allowed): sending it again cannot help.</summary>
    public bool Permanent { get; init; }
}
