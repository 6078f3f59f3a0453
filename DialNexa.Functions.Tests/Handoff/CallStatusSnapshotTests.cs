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
        var snapshot = StatusSamples.WithEverything(length);

        var shown = JsonSerializer.Serialize(snapshot.ForCustomStatus(), AppJson.Options);

        Assert.True(shown.Length <= CallStatusSnapshot.CustomStatusLimit, $"{shown.Length} characters");
        using var parsed = JsonDocument.Parse(shown);
        Assert.Equal(snapshot.CallId, parsed.RootElement.GetProperty("callId").GetString());
        Assert.Equal("AwaitingApproval", parsed.RootElement.GetProperty("stage").GetString());
    }
}
