using DialNexa.Functions.Approvals;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Handoff.Messages;

/// <summary>
/// One delivery attempt of an outgoing message: a Slack post through the Slack channel (recorded once Slack confirmed
/// it, so a repeat posts nothing), or an approver's mail through the mailer (marked once the relay took it). Says
/// whether to try again; a message refused for good, or failing on its last attempt, is logged as an error, since its
/// readers will not see it. Used by <c>DeliverMessageActivity</c>, and by the approval request's activity for its
/// post's first attempt (handoff revision 1).
/// </summary>
internal sealed partial class MessageSender(ISlackPoster slack, ApprovalMailer mailer, ILogger<MessageSender> logger)
{
    public async Task<MessageAttempt> AttemptAsync(OutgoingMessage message, int attempt, bool lastAttempt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = message.Channel switch
        {
            MessageChannel.Slack when message.Slack is { } post => Map(await slack.PostAsync(post with { MessageKey = message.Key }, CancellationToken.None)),
            MessageChannel.Email when message.Mail is { } mail => Map(await mailer.SendToAsync(mail.Request, mail.Approver, mail.Purpose, mail.Heading, CancellationToken.None)),
            _ => new MessageAttempt(MessageAttemptOutcome.Refused, $"The {message.Channel} message has nothing to send."),
        };
        if (result.Outcome == MessageAttemptOutcome.Refused || (result.Outcome == MessageAttemptOutcome.RetryLater && lastAttempt))
        {
            NotDelivered(logger, message.CallId, message.Purpose, message.Channel, attempt, result.Problem ?? "no detail");
        }

        return result;
    }

    private static MessageAttempt Map(SlackPostResult result) => result.Outcome switch
    {
        SlackPostOutcome.Posted => new MessageAttempt(MessageAttemptOutcome.Delivered),
        SlackPostOutcome.AlreadyPosted => new MessageAttempt(MessageAttemptOutcome.AlreadyDelivered),
        SlackPostOutcome.DryRun => new MessageAttempt(MessageAttemptOutcome.DryRun),
        SlackPostOutcome.RetryLater => new MessageAttempt(MessageAttemptOutcome.RetryLater, result.Message, result.RetryAfter),
        _ => new MessageAttempt(MessageAttemptOutcome.Refused, result.Message, SettingToFix: result.SettingToFix),
    };

    private static MessageAttempt Map(ApprovalDelivery delivery) => delivery switch
    {
        { Sent: true } => new MessageAttempt(MessageAttemptOutcome.Delivered),
        { Permanent: true } => new MessageAttempt(MessageAttemptOutcome.Refused, delivery.Problem),
        _ => new MessageAttempt(MessageAttemptOutcome.RetryLater, delivery.Problem),
    };

    [LoggerMessage(2500, LogLevel.Error, "Call {CallId}: the {Purpose} ({Channel}) was not delivered (attempt {Attempt}, no more will be made): {Problem}. The call goes to review.")]
    private static partial void NotDelivered(ILogger logger, string callId, string purpose, MessageChannel channel, int attempt, string problem);
}
