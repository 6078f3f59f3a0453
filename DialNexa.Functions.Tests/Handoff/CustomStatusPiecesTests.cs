using System.Text.Json;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Json;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>The custom status written from kept pieces is, byte for byte, the bounded view serialized whole.</summary>
public sealed class CustomStatusPiecesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(30)]
    public void TryWrite_AViewThatFits_IsTheBoundedViewSerializedWhole(int length)
    {
        var snapshot = StatusSamples.WithEverything(length, count: 2);

        var fits = CustomStatusPieces.TryWrite(snapshot, out var json);
        Assert.Equal(Whole(snapshot), System.Text.Encoding.UTF8.GetString(json));
        Assert.True(fits);
    }

    [Fact]
    public void TryWrite_AFreshStatus_WritesNullsAndEmptyListsAsTheSerializerDoes()
    {
        var snapshot = new CallStatusSnapshot { CallId = "call_1", Stage = HandoffStage.Received };

        Assert.True(CustomStatusPieces.TryWrite(snapshot, out var json));
        Assert.Equal(Whole(snapshot), System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void TryWrite_AViewOverTheLimit_SaysSo_AndTheStatusFallsBackToASmallerView()
    {
        var snapshot = StatusSamples.WithEverything(2_500, count: 2);

        Assert.False(CustomStatusPieces.TryWrite(snapshot, out _));
        var shown = JsonSerializer.Serialize(new ShownCustomStatus(snapshot), AppJson.Options);
        Assert.Equal(Whole(snapshot), shown);
        Assert.True(shown.Length <= CallStatusSnapshot.CustomStatusLimit);
    }

    [Fact]
    public void TryWriteApprovalOnly_WhenTheFirstViewIsOverTheLimit_IsTheSecondViewSerializedWhole()
    {
        var snapshot = StatusSamples.WithEverything(2_500, count: 2);
        var second = JsonSerializer.Serialize(snapshot.ApprovalOnlyView(), AppJson.Options);

        foreach (var _ in new[] { "computed", "kept" })
        {
            Assert.True(CustomStatusPieces.TryWriteApprovalOnly(snapshot, out var json));
            Assert.Equal(second, System.Text.Encoding.UTF8.GetString(json));
        }

        Assert.Equal(second, Whole(snapshot));
        Assert.Contains(snapshot.Approval!.Request.RequestId[..20], second, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteApprovalOnly_WhenTheSecondViewIsOverTheLimitToo_SaysSo_AndTheStatusShowsTheCallItsStageAndWorkflow()
    {
        var snapshot = StatusSamples.WithEverything(1_000, count: 40);

        Assert.False(CustomStatusPieces.TryWrite(snapshot, out _));
        Assert.False(CustomStatusPieces.TryWriteApprovalOnly(snapshot, out _));
        var shown = JsonSerializer.Serialize(new ShownCustomStatus(snapshot), AppJson.Options);
        Assert.Equal(Whole(snapshot), shown);
        Assert.Equal(JsonSerializer.Serialize(snapshot.MinimalView(), AppJson.Options), shown);
        Assert.Contains("\"approval\":null", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_StagesSharingTheirFacts_EachShowsItsOwnStage_AndNewFactsShowTheNewFacts()
    {
        var first = StatusSamples.WithEverything(12, count: 2);
        var next = first with { Stage = HandoffStage.Writing, Summary = "later" };
        var changed = next with { Context = first.Context! with { Fields = new Dictionary<string, CallFact> { ["invoice"] = new("INV-2", 0.9, "caller") } } };

        foreach (var status in new[] { first, next, changed, next })
        {
            Assert.True(CustomStatusPieces.TryWrite(status, out var json));
            Assert.Equal(Whole(status), System.Text.Encoding.UTF8.GetString(json));
        }

        Assert.True(CustomStatusPieces.TryWrite(changed, out var shown));
        Assert.Contains("INV-2", System.Text.Encoding.UTF8.GetString(shown), StringComparison.Ordinal);
    }

    private static string Whole(CallStatusSnapshot snapshot) => JsonSerializer.Serialize(snapshot.ForCustomStatus(), AppJson.Options);
}
