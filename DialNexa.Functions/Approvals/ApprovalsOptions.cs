namespace DialNexa.Functions.Approvals;

/// <summary>
/// Finance approvals (section <c>DialNexa:Approvals</c>): who may decide, how many approvals a request needs, and the
/// keys approval links are signed with. The wait itself is <c>DialNexa__Handoff__ApprovalTimeout</c>.
/// </summary>
public sealed class ApprovalsOptions
{
    public const string SectionName = "DialNexa:Approvals";

    /// <summary>The approver used when none is configured, so a fresh checkout can be tried end to end.</summary>
    public const string DefaultApproverEmail = "finance@localhost";

    /// <summary>
    /// HMAC keys for approval links, comma-separated, newest first (<c>DialNexa__Approvals__SigningKeys</c>): the first
    /// signs, every key verifies, so adding a key in front keeps open links valid. Each at least 32 characters. When
    /// unset, a random key is generated once under the data directory.
    /// </summary>
    public string? SigningKeys { get; set; }

    /// <summary>Who may decide (<c>DialNexa__Approvals__Approvers__0__Email</c>, <c>__Name</c>, <c>__SlackUserId</c>).</summary>
    public List<ApproverOptions> Approvers { get; set; } = [];

    /// <summary>Approvals needed (<c>DialNexa__Approvals__Quorum</c>, default 1: the first decision wins). Any rejection rejects.</summary>
    public int Quorum { get; set; } = 1;

    /// <summary>Send one Slack reminder at half the approval timeout (<c>DialNexa__Approvals__Reminder</c>, default true).</summary>
    public bool Reminder { get; set; } = true;

    /// <summary>Email delivery of personal links (<c>DialNexa__Approvals__Email__Host</c>, <c>__From</c>, ...).</summary>
    public ApprovalEmailOptions Email { get; set; } = new();

    /// <summary>The configured approvers, or the single local default when none is configured.</summary>
    public IReadOnlyList<ApproverOptions> EffectiveApprovers() =>
        Approvers.Count > 0 ? Approvers : [new ApproverOptions { Email = DefaultApproverEmail, Name = "Finance (default approver)" }];

    /// <summary>The configured approver with this email or Slack user ID, if any.</summary>
    public ApproverOptions? FindByEmail(string email) =>
        EffectiveApprovers().FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));

    public ApproverOptions? FindBySlackUser(string slackUserId) =>
        EffectiveApprovers().FirstOrDefault(a => a.SlackUserId is { Length: > 0 } id && string.Equals(id, slackUserId, StringComparison.Ordinal));
}
