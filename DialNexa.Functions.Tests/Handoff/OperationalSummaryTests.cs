using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Tests.Handoff;

public sealed class OperationalSummaryTests
{
    [Fact]
    public async Task Summary_ReviewReasonEndingItsSentence_LinkStartsTheNextWithoutADoubleStop()
    {
        var status = new CallStatusSnapshot
        {
            CallId = "call_summary",
            Stage = HandoffStage.InReview,
            Workflow = HandoffWorkflow.Dispute,
            Review = ["The caller was matched with only 40% confidence (DialNexa__Handoff__MinimumMatchConfidence)."],
            Links = CallLinks.For("https://app.example", "call_summary", false),
        };

        var summary = await new SummarizeCallActivity(new IgnoredListing()).RunAsync(new NamedContext(), status);

        Assert.Contains("(DialNexa__Handoff__MinimumMatchConfidence). Status: https://app.example/api/calls/call_summary", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("..", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_NothingEndingASentence_LinkFollowsAStop()
    {
        var status = new CallStatusSnapshot
        {
            CallId = "call_summary",
            Stage = HandoffStage.Completed,
            Workflow = HandoffWorkflow.Dispute,
            Links = CallLinks.For("https://app.example", "call_summary", false),
        };

        var summary = await new SummarizeCallActivity(new IgnoredListing()).RunAsync(new NamedContext(), status);

        Assert.EndsWith(". Status: https://app.example/api/calls/call_summary", summary, StringComparison.Ordinal);
    }

    private sealed class NamedContext : TaskActivityContext
    {
        public override TaskName Name => nameof(SummarizeCallActivity);

        public override string InstanceId => "call_summary";
    }

    private sealed class IgnoredListing : ICallListing
    {
        public Task ReceivedAsync(string instanceId, RedactedCall call, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AwaitingApprovalAsync(string instanceId, CallStatusSnapshot status, ApprovalRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordAsync(string instanceId, CallStatusSnapshot status, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task FinishedAsync(string instanceId, string callId, HandoffStage? stage, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
