namespace DialNexa.Functions.Approvals;

/// <summary>One person allowed to decide finance approvals.</summary>
public sealed class ApproverOptions
{
    /// <summary>The approver's identity, shown in decisions and the audit trail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name (defaults to the email).</summary>
    public string? Name { get; set; }

    /// <summary>The approver's Slack member ID (for example U024BE7LH): only clicks from it count in Slack.</summary>
    public string? SlackUserId { get; set; }

    /// <summary>
    /// The approver's IANA time zone (for example Europe/London): the approval page shows times in it beside UTC.
    /// Default: <c>DialNexa__Extraction__TimeZone</c>, the zone the business's calls are read in.
    /// </summary>
    public string? TimeZone { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
