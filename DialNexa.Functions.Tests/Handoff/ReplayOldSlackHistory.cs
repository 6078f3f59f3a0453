using System.Text.Json.Nodes;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Handoff.Messages;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// An orchestration whose history holds messages in the shape of before: an activity answers the old JSON (as
/// <c>NotifyActivity</c> and <c>RequestApprovalActivity</c> did), read back as today's types on every replay, and
/// <c>DeliverMessageActivity</c> is scheduled with an old input as a history from before would have it. Each delivery
/// ends an episode, so what came before is replayed from the stored history each time.
/// </summary>
internal sealed class ReplayOldSlackHistory : TaskOrchestrator<string?, List<MessageAttempt>>
{
    public override async Task<List<MessageAttempt>> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alerts = await context.CallActivityAsync<List<OutgoingMessage>>(nameof(AnswerOldSlackMessages), "alerts");
        var approval = await context.CallActivityAsync<OutgoingMessage>(nameof(AnswerOldSlackMessages), "approval");
        var attempts = new List<MessageAttempt>
        {
            await context.CallActivityAsync<MessageAttempt>(nameof(DeliverMessageActivity), new MessageAttemptInput(approval, 1, false)),
        };
        foreach (var alert in alerts)
        {
            attempts.Add(await context.CallActivityAsync<MessageAttempt>(nameof(DeliverMessageActivity), new MessageAttemptInput(alert, 1, false)));
        }

        // The same alert's retry as scheduled by the code of before: its input is the old JSON itself.
        attempts.Add(await context.CallActivityAsync<MessageAttempt>(nameof(DeliverMessageActivity), JsonNode.Parse(OldSlackHistory.AttemptInput)));
        return attempts;
    }
}

/// <summary>Answers the old JSON of a Slack message list ("alerts") or of one approval post ("approval").</summary>
internal sealed class AnswerOldSlackMessages : TaskActivity<string, JsonNode>
{
    public override Task<JsonNode> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(JsonNode.Parse(input == "alerts" ? OldSlackHistory.NotifyOutput : OldSlackHistory.ApprovalMessage)!);
}
