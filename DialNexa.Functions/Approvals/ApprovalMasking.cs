namespace DialNexa.Functions.Approvals;

/// <summary>Masks contact details for the approval page and Slack: enough to recognise, not enough to reuse.</summary>
internal static class ApprovalMasking
{
    public static string Email(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    public static string Phone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.Length <= 4 ? "***" : "***" + phone[^4..];
    }
}
