using System.Globalization;
using DialNexa.Functions.Approvals;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// What finance is asked to approve for a call: the writes (old and new values), amount, customer, match confidence,
/// reasons, requester, who may decide (one signed link each), how many approvals it needs, and until when. All of it
/// comes from redacted data, and contact details are masked, because the approval page shows it to link holders.
/// </summary>
public sealed record ApprovalRequest
{
    public required string RequestId { get; init; }

    public required string CallId { get; init; }

    public HandoffWorkflow? Workflow { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>"Provider: Action" for every planned write.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<ApprovalChange> Changes { get; init; } = [];

    /// <summary>The customer's name and masked email, as matched.</summary>
    public string? Customer { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public double MatchConfidence { get; init; }

    /// <summary>Who asks: the call handoff, on behalf of the caller.</summary>
    public string Requester { get; init; } = "";

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Approvals needed; any rejection rejects. 1 means the first decision wins.</summary>
    public int Quorum { get; init; } = 1;

    /// <summary>Whether one reminder goes out at half time.</summary>
    public bool Reminder { get; init; } = true;

    /// <summary>Who may decide, each with their personal approval link.</summary>
    public IReadOnlyList<ApproverLink> Approvers { get; init; } = [];

    /// <summary>Whom the personal links reached by email; null when email delivery is not set up (the links went to Slack).</summary>
    public IReadOnlyList<ApprovalDelivery>? Deliveries { get; init; }

    /// <summary>The call's status, transcript and recording links.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>The amount with its currency, or "no amount".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string AmountText => Amount is { } amount ? string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {Currency}") : "no amount";

    /// <summary>The request in words (redacted data, masked contact details), as plain text for email.</summary>
    public string Describe(string heading) => Describe(heading, text => text ?? "");

    /// <summary>
    /// The request in words for a Slack mrkdwn message: <paramref name="heading"/> is markup written as it is; every value
    /// that came from the call (call ID, customer, reasons) is escaped, so it shows as text and cannot mention or link.
    /// </summary>
    public string DescribeForSlack(string heading) => Describe(heading, Notifications.SlackText.Escape);

    private string Describe(string heading, Func<string?, string> value)
    {
        var quorum = Quorum == 1 ? "first decision wins" : $"{Quorum} approvals needed, any rejection rejects";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{heading} for call {value(CallId)} ({Workflow}): {value(Customer ?? "unknown customer")}, {value(AmountText)}, caller match {MatchConfidence:0.00}.\nWrites: {value(string.Join("; ", Actions))}.\nWhy: {value(string.Join(" ", Reasons))}\nDecide before {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({quorum}).");
    }

    public bool IsApprover(string approver) => Approvers.Any(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase));
}
