using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>A scheduled activity committed to the store, as held in memory until it completes.</summary>
internal sealed class ActivityItem(long id, TaskMessage message, int failedAttempts)
{
    public long Id { get; } = id;

    public TaskMessage Message { get; } = message;

    public int FailedAttempts { get; set; } = failedAttempts;

    /// <summary>Bumped at each hand-out: a completion with an older token comes from a hand-out that was abandoned.</summary>
    public int LockToken { get; set; }

    /// <summary>Its result was handed to the orchestration; a later completion of the same activity is ignored.</summary>
    public bool Completed { get; set; }
}
