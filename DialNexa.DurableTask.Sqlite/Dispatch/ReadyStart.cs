namespace DialNexa.DurableTask.Sqlite.Dispatch;

/// <summary>An instance whose next message starts it, and when it became ready (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
internal readonly record struct ReadyStart(string InstanceId, long ReadyAt);
