namespace DialNexa.Functions.Hosting.Logging;

/// <summary>
/// A logger whose lines are formatted once, scrubbed and escaped (<see cref="LogText"/>), and handed on as a state that
/// carries the safe message and safe structured values (<see cref="SafeLogState"/>), so structured providers get no raw
/// value either; scopes too (ASP.NET Core's request scope carries the request path). Exceptions are passed on as they are.
/// </summary>
internal sealed class SafeLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        inner.BeginScope(SafeLogState.From(state.ToString() ?? "", SafeLogState.ValuesOf(state)));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var safe = SafeLogState.From(formatter(state, exception), SafeLogState.ValuesOf(state));
        inner.Log(logLevel, eventId, safe, exception, SafeLogState.Format);
    }
}
