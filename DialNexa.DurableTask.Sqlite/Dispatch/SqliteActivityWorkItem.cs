using DurableTask.Core;

namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>An activity work item tied to its stored activity and to the lock it was handed out under.</summary>
internal sealed class SqliteActivityWorkItem(ActivityItem item, int lockToken) : TaskActivityWorkItem
{
    public ActivityItem Item { get; } = item;

    public int LockToken { get; } = lockToken;

    /// <summary>Committing the result failed because the store could not write; an abandon then does not count it against the activity.</summary>
    public bool StoreFailed { get; set; }
}
