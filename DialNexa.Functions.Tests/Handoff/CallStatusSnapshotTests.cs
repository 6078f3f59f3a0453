using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Json;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>The custom status is a bounded view of the snapshot, whatever the call's texts hold (finding 1 of issue 14).</summary>
public sealed class CallStatusSnapshotTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(2_500)]
    [InlineData(100_000)]
    public void ForCustomStatus_EveryTextAndListHuge_StaysUnderTheLimitAndKeepsTheCallAndStage(int length)
    {
        var text = new string('x', length);
        var snapshot = new CallStatusSnapshot
        {
            CallId = "call_" + new string('c', 250),
            Stage = HandoffStage.AwaitingApproval,
            Workflow = HandoffWorkflow.Dispute,
            Context = new CallFacts { Workflow = HandoffWorkflow.Dispute, Fields = Enumerable.Range(0, 80).ToDictionary(i => text + i, i => new CallFact(text, 0.9, text)) },
            ApprovalReasons = [.. Enumerable.Repeat(text, 40)],
            Review = [.. Enumerable.Repeat(text, 40)],
            Summary = text,
            Notifications = [.. Enumerable.Repeat(text, 40)],
            Actions = [.. Enumerable.Range(0, 40).Select(_ => new ProviderActionResult { Provider = ProviderName.Paystack, Kind = ProviderActionKind.PaystackCreateCustomer, Mode = ProviderMode.Live, Outcome = ProviderActionOutcome.Written, OldValue = text, NewValue = text, Message = text, RecordUrl = text, RecordId = text })],
            Links = CallLinks.For("http://localhost:7071/" + text, "call_x", true),
            Approval = new ApprovalStatus(
                new ApprovalRequest
                {
                    RequestId = "call_x:" + text,
                    CallId = "call_x",
                    Customer = text,
                    Requester = text,
                    Currency = text,
                    Reasons = [.. Enumerable.Repeat(text, 40)],
                    MatchBasis = text,
                    CallerRequest = text,
                    AgentPromise = text,
                    Writes = [.. Enumerable.Range(0, 40).Select(_ => new ApprovalWrite
                    {
                        Provider = ProviderName.Paystack,
                        Kind = ProviderActionKind.PaystackCreateCustomer,
                        Mode = ProviderMode.Live,
                        Operation = text,
                        Record = text,
                        Method = "POST",
                        Url = text,
                        Note = text,
                        Fields = [.. Enumerable.Range(0, 40).Select(_ => new ApprovalField(text, text, text, text, text))],
                    })],
                    Approvers = [.. Enumerable.Range(0, 40).Select(i => new ApproverLink($"a{i}@example.com", text, "http://localhost:7071/api/approvals/" + text))],
                    Deliveries = [.. Enumerable.Range(0, 40).Select(i => new ApprovalDelivery($"a{i}@example.com", false, text))],
                    Links = [.. Enumerable.Repeat(text, 40)],
                },
                null,
                false)
            {
                Decisions = [.. Enumerable.Range(0, 40).Select(_ => new FinanceApproval(true, text, text, DateTimeOffset.UnixEpoch, text, text))],
                Ignored = [.. Enumerable.Repeat(text, 40)],
            },
        };

        var shown = JsonSerializer.Serialize(snapshot.ForCustomStatus(), AppJson.Options);

        Assert.True(shown.Length <= CallStatusSnapshot.CustomStatusLimit, $"{shown.Length} characters");
        using var parsed = JsonDocument.Parse(shown);
        Assert.Equal(snapshot.CallId, parsed.RootElement.GetProperty("callId").GetString());
        Assert.Equal("AwaitingApproval", parsed.RootElement.GetProperty("stage").GetString());
    }
}
