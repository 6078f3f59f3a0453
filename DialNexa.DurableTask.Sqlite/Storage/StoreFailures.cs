using Microsoft.Data.Sqlite;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>
/// The store's own failures (disk full, I/O error, the file locked or gone) as <see cref="IOException"/>, so callers can
/// tell "the store could not write" (retry later, the work was not at fault) from a write the store refused on purpose.
/// </summary>
internal static class StoreFailures
{
    public static IOException CommitFailed(Exception exception) =>
        exception as IOException ?? new IOException($"The SQLite orchestration store could not commit: {exception.Message}", exception);

    public static IOException WriteFailed(SqliteException exception) =>
        new($"The SQLite orchestration store could not write (SQLite error {exception.SqliteErrorCode}): {exception.Message}", exception);

    /// <summary>True when <paramref name="exception"/> says the store could not write, not that the work was bad.</summary>
    public static bool IsStoreFailure(Exception? exception) => exception switch
    {
        IOException => true,
        SqliteException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStoreFailure),
        _ => false,
    };
}
