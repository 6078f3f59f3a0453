namespace DialNexa.Functions.Hosting.Logging;

/// <summary>
/// The app's logger factory: the framework's own, with every logger it creates wrapped in a <see cref="SafeLogger"/>, so
/// every line from every category (the app's, ASP.NET Core's request logging, HttpClient's) is scrubbed and escaped by
/// <see cref="LogText"/> before any provider writes it. It does not depend on log levels or filters: whatever the host's
/// log settings (with or without host.json), nothing reaches a provider unscrubbed.
/// </summary>
internal sealed class SafeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new SafeLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
