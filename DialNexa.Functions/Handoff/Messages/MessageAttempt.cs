namespace DialNexa.Functions.Handoff.Messages;

/// <summary>One delivery attempt's result: how it ended, the problem, the least wait asked for, and the setting to fix.</summary>
public sealed record MessageAttempt(MessageAttemptOutcome Outcome, string? Problem = null, TimeSpan? RetryAfter = null, string? SettingToFix = null);
