using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>Call statuses for the custom status tests.</summary>
internal static class StatusSamples
{
    /// <summary>Every property set, every text <paramref name="length"/> characters, every list <paramref name="count"/> long (20 for the match, plan and messages).</summary>
    public static CallStatusSnapshot WithEverything(int length, int count = 40)
    {
        var text = new string('x', length);
        return new CallStatusSnapshot
        {
            CallId = "call_" + new string('c', 250),
            Stage = HandoffStage.AwaitingApproval,
            Workflow = HandoffWorkflow.Dispute,
            Context = new CallFacts { Workflow = HandoffWorkflow.Dispute, Fields = Enumerable.Range(0, 2 * count).ToDictionary(i => text + i, i => new CallFact(text, 0.9, text)) },
            ApprovalReasons = [.. Enumerable.Repeat(text, count)],
            Review = [.. Enumerable.Repeat(text, count)],
            Summary = text,
            Notifications = [.. Enumerable.Repeat(text, count)],
            Actions = [.. Enumerable.Range(0, count).Select(_ => new ProviderActionResult { Provider = ProviderName.Paystack, Kind = ProviderActionKind.PaystackCreateCustomer, Mode = ProviderMode.Live, Outcome = ProviderActionOutcome.Written, OldValue = text, NewValue = text, Message = text, RecordUrl = text, RecordId = text })],
            Links = CallLinks.For("http://localhost:7071/" + text, "call_x", true),
            Match = new CallerMatch(0.42, true, [.. Enumerable.Range(0, count / 2).Select(i => new ProviderMatch(ProviderName.Gusto, CustomerLookupStatus.NotFound, "c" + i, text, "https://example.com/" + text, 0.5, text, i))]),
            PlannedActions = [.. Enumerable.Range(0, count / 2).Select(i => new PlannedAction(ProviderName.Paystack, ProviderActionKind.PaystackCreateCustomer, new ProviderActionRequest { CallId = "call_x", Kind = ProviderActionKind.PaystackCreateCustomer, CustomerName = text, Email = text, Description = text, Amount = 12.5m + i, Currency = "EUR", DueDate = new DateOnly(2026, 12, 31) }))],
            Suppression = new SuppressionSummary(true, false, true, false),
            Redactions = new Dictionary<string, int> { ["card"] = 2, ["tax <id>"] = 1 },
            Messages = [.. Enumerable.Range(0, count / 2).Select(i => new MessageDelivery { Key = "k" + i, Purpose = "Approval needed & more", Channel = MessageChannel.Slack, State = MessageDeliveryState.Retrying, QueuedAt = DateTimeOffset.UnixEpoch, Attempts = i, Problem = text, Delay = TimeSpan.FromSeconds(i) })],
            Approval = new ApprovalStatus(
                new ApprovalRequest
                {
                    RequestId = "call_x:" + text,
                    CallId = "call_x",
                    Customer = text,
                    Requester = text,
                    Currency = text,
                    Reasons = [.. Enumerable.Repeat(text, count)],
                    MatchBasis = text,
                    CallerRequest = text,
                    AgentPromise = text,
                    Writes = [.. Enumerable.Range(0, count).Select(_ => new ApprovalWrite
                    {
                        Provider = ProviderName.Paystack,
                        Kind = ProviderActionKind.PaystackCreateCustomer,
                        Mode = ProviderMode.Live,
                        Operation = text,
                        Record = text,
                        Method = "POST",
                        Url = text,
                        Note = text,
                        Fields = [.. Enumerable.Range(0, count).Select(_ => new ApprovalField(text, text, text, text, text))],
                    })],
                    Approvers = [.. Enumerable.Range(0, count).Select(i => new ApproverLink($"a{i}@example.com", text, "http://localhost:7071/api/approvals/" + text))],
                    Deliveries = [.. Enumerable.Range(0, count).Select(i => new ApprovalDelivery($"a{i}@example.com", false, text))],
                    Links = [.. Enumerable.Repeat(text, count)],
                },
                null,
                false)
            {
                Decisions = [.. Enumerable.Range(0, count).Select(_ => new FinanceApproval(true, text, text, DateTimeOffset.UnixEpoch, text, text))],
                Ignored = [.. Enumerable.Repeat(text, count)],
            },
        };
    }
}
