namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// Posts messages to the finance channel, once in effect per call and message key: a post Slack confirmed is recorded,
/// and a later attempt of the same message finds the record and sends nothing. Expected outcomes (posted, dry run,
/// refused, worth another attempt) come back in the result, not as exceptions.
/// </summary>
public interface ISlackPoster
{
    Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken);
}
