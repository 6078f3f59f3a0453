namespace DialNexa.Functions.Handoff;

/// <summary>The retry schedules a handoff runs with, fixed in its input when the call arrives (a later configuration change never alters a replay).</summary>
/// <param name="Messages">Slack posts and approval mails that were refused or failed.</param>
/// <param name="Writes">Provider actions that ended Transient (nothing written) or InDoubt (read again before anything is sent again).</param>
public sealed record RetrySchedules(RetrySchedule Messages, RetrySchedule Writes)
{
    /// <summary>The defaults of <see cref="HandoffOptions"/>, for instances started before the schedules were part of the input.</summary>
    public static RetrySchedules Default { get; } = new(HandoffOptions.DefaultMessageRetry, HandoffOptions.DefaultWriteRetry);
}
