using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Tests.Approvals;

public sealed class ApprovalStatusTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_QuorumOne_FirstDecisionWinsAndLaterOnesAreIgnored()
    {
        var status = Waiting(quorum: 1).Record(Vote("alice@example.com", approved: false)).Record(Vote("bob@example.com", approved: true));
        Assert.False(status.Decision!.Approved);
        Assert.Equal("alice@example.com", status.Decision.Approver);
        Assert.Single(status.Decisions);
        Assert.Contains("bob@example.com decided after the request was already decided.", status.Ignored);
    }

    [Fact]
    public void Record_QuorumTwo_ApprovesOnTheSecondApprovalAndNamesBoth()
    {
        var one = Waiting(quorum: 2).Record(Vote("alice@example.com", approved: true));
        Assert.Null(one.Decision);
        var two = one.Record(Vote("alice@example.com", approved: true)).Record(Vote("bob@example.com", approved: true));
        Assert.Contains("alice@example.com had already decided.", two.Ignored);
        Assert.True(two.Decision!.Approved);
        Assert.Equal("alice@example.com, bob@example.com", two.Decision.Approver);
    }

    [Fact]
    public void Record_QuorumTwo_AnyRejectionRejects()
    {
        var status = Waiting(quorum: 2).Record(Vote("alice@example.com", approved: true)).Record(Vote("carol@example.com", approved: false));
        Assert.False(status.Decision!.Approved);
        Assert.Equal("carol@example.com", status.Decision.Approver);
    }

    [Fact]
    public void Record_StrangerOrOtherRequest_DoesNotCount()
    {
        var status = Waiting(quorum: 1)
            .Record(Vote("mallory@example.com", approved: true))
            .Record(Vote("alice@example.com", approved: true) with { RequestId = "call_1:other" });
        Assert.Null(status.Decision);
        Assert.Empty(status.Decisions);
        Assert.Equal(2, status.Ignored.Count);
    }

    private static ApprovalStatus Waiting(int quorum) => new(
        new ApprovalRequest
        {
            RequestId = "call_1:req",
            CallId = "call_1",
            Quorum = quorum,
            Approvers = [new("alice@example.com", "Alice", "u1"), new("bob@example.com", "Bob", "u2"), new("carol@example.com", "Carol", "u3")],
        },
        null,
        false);

    private static FinanceApproval Vote(string approver, bool approved) => new(approved, approver, null, At, "call_1:req", "link");
}
