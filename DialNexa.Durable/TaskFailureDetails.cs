namespace DialNexa.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration: the exception type and message.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>True when the failure came from an exception of type <typeparamref name="T"/> (or a subclass, by name).</summary>
    public bool IsCausedBy<T>()
        where T : Exception => string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal);

    internal static TaskFailureDetails FromException(Exception exception, bool includeStackTrace = true) =>
        new(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            includeStackTrace ? exception.StackTrace : null,
            exception.InnerException is null ? null : FromException(exception.InnerException, includeStackTrace: false));

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
