using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// What finance is asked to approve for a call: the requests exactly as they will be sent (each field with its current
/// and new value), why approval is needed, who the caller is and how sure the match is, what the caller asked and the
/// agent promised, who may decide (one signed link each), how many approvals it needs, and until when. All of it comes
/// from redacted data, and contact details are masked, because the approval page shows it to link holders.
/// </summary>
public sealed record ApprovalRequest
{
    public required string RequestId { get; init; }

    public required string CallId { get; init; }

    public HandoffWorkflow? Workflow { get; init; }

    /// <summary>Why approval is needed, in words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Every planned action, as it will be sent (or why it will not).</summary>
    public IReadOnlyList<ApprovalWrite> Writes { get; init; } = [];

    /// <summary>The customer's name and masked email, as matched.</summary>
    public string? Customer { get; init; }

    /// <summary>The amount discussed on the call (what is written, if anything, is in <see cref="Writes"/>).</summary>
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public double MatchConfidence { get; init; }

    /// <summary>How the caller was matched, in words: which record, on what basis, or why none was found.</summary>
    public string? MatchBasis { get; init; }

    /// <summary>The caller's request in their own (redacted) words.</summary>
    public string? CallerRequest { get; init; }

    /// <summary>What the agent promised the caller, in the agent's (redacted) words.</summary>
    public string? AgentPromise { get; init; }

    /// <summary>The date the caller was promised an answer by.</summary>
    public DateOnly? FollowUpBy { get; init; }

    public bool CallbackRequested { get; init; }

    public DateTimeOffset? CallStartedAt { get; init; }

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
    [JsonIgnore]
    public string AmountText => Amount is { } amount ? ApprovalText.Money(amount, Currency) : "no amount";

    /// <summary>True when a write runs in dry run: approving records the request, nothing is sent.</summary>
    [JsonIgnore]
    public bool DryRun => Writes.Any(w => w.Mode == ProviderMode.DryRun && w.Sends);

    /// <summary>True when the caller was promised something: a rejection must not end the call silently.</summary>
    [JsonIgnore]
    public bool CarriesPromise => AgentPromise is not null || FollowUpBy is not null || CallbackRequested;

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
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{heading} for call {value(CallId)} ({ApprovalText.Workflow(Workflow)}): {value(Customer ?? "unknown customer")}, {value(AmountText)} on the call, caller match {ApprovalText.Percent(MatchConfidence)}.");
        foreach (var write in Writes)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {write.Provider}: {value(write.Operation)}");
            text.Append(write.Record is null ? "" : $", {value(write.Record)}");
            text.Append(!write.Sends ? $" (nothing will be sent: {value(write.Note)})" : write.Mode == ProviderMode.DryRun ? " (dry run: recorded, not sent)" : "");
        }

        if (CallerRequest is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nCaller: \"{value(CallerRequest)}\"");
        }

        if (AgentPromise is not null || FollowUpBy is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nPromised: {value(ApprovalText.Promise(AgentPromise, FollowUpBy, CallbackRequested))}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nWhy: {value(string.Join(" ", Reasons))}");
        text.Append(CultureInfo.InvariantCulture, $"\nDecide before {ExpiresAt.UtcDateTime:ddd d MMM yyyy, HH:mm} UTC ({quorum}).");
        return text.ToString();
    }

    public bool IsApprover(string approver) => Approvers.Any(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase));
}
