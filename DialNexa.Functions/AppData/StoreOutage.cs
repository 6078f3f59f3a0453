namespace DialNexa.Functions.AppData;

/// <summary>
/// Failures of either store (the app data store or the orchestration service) that a later attempt can get past: the
/// HTTP edge answers 503 with Retry-After, never that the input is lost or bad. Azure.Core reports exhausted transport
/// retries as an AggregateException of the attempts.
/// </summary>
internal static class StoreOutage
{
    public static bool Is(Exception exception) =>
        exception is IOException or ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException or TimeoutException
            or Azure.RequestFailedException or HttpRequestException or TaskCanceledException
            or global::DurableTask.Core.Exceptions.OrchestrationFrameworkException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is));
}
