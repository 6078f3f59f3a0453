namespace DialNexa.Functions.Handoff;

/// <summary>
/// How a step that failed for a passing reason is tried again through the durable runtime (durable timers, so a
/// restart loses no wait): the first wait, doubled after each failure up to <see cref="MaxDelay"/>, until
/// <see cref="GiveUpAfter"/> has passed since the step was first wanted. Each wait is spread by up to a fifth either
/// way, by a hash of the step's key, so calls that failed together do not all retry together when the dependency
/// returns.
/// </summary>
public sealed record RetrySchedule
{
    public TimeSpan FirstDelay { get; init; }

    public TimeSpan MaxDelay { get; init; }

    public TimeSpan GiveUpAfter { get; init; }

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts (1 or more); the same on every replay.</summary>
    public TimeSpan DelayAfter(int failedAttempts, string spreadKey)
    {
        ArgumentNullException.ThrowIfNull(spreadKey);
        var doubled = FirstDelay.Ticks * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var capped = Math.Min(doubled, MaxDelay.Ticks);

        // FNV-1a over the key and the attempt: string.GetHashCode differs between processes, and a replay must not.
        var hash = 2166136261u;
        foreach (var c in spreadKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)failedAttempts) * 16777619u;
        var spread = 0.8 + (0.4 * (hash % 1000) / 999.0);
        return TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (long)(capped * spread)));
    }

    /// <summary>A sentence naming what is wrong, with the setting (<paramref name="setting"/> is its prefix), or null.</summary>
    public string? Problem(string setting) =>
        FirstDelay <= TimeSpan.Zero ? $"{setting}__FirstDelay must be positive (for example 00:00:30)."
        : MaxDelay < FirstDelay ? $"{setting}__MaxDelay must be at least {setting}__FirstDelay."
        : GiveUpAfter <= TimeSpan.Zero ? $"{setting}__GiveUpAfter must be positive (for example 1.00:00:00)."
        : null;
}
