using DialNexa.Functions.Handoff.Messages;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>One delivery attempt of an outgoing message (<see cref="MessageSender"/>): says whether to try again.</summary>
internal sealed class DeliverMessageActivity(MessageSender sender) : TaskActivity<MessageAttemptInput, MessageAttempt>
{
    public override Task<MessageAttempt> RunAsync(TaskActivityContext context, MessageAttemptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return sender.AttemptAsync(input.Message, input.Attempt, input.LastAttempt);
    }
}
