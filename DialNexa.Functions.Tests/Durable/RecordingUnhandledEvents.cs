using System.Collections.Concurrent;
using DialNexa.Durable;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>An app's handler for events its orchestrations never handled, keeping what the engine handed over.</summary>
internal sealed class RecordingUnhandledEvents : IUnhandledEventHandler
{
    public ConcurrentQueue<UnhandledEvent> Received { get; } = new();

    /// <summary>The one event handed over, waiting up to 10 s for it (it may come in a later work item than the instance's end).</summary>
    public async Task<UnhandledEvent> SingleAsync()
    {
        await Hosting.Poll.UntilAsync(() => Task.FromResult(!Received.IsEmpty), "an unhandled event handed over", seconds: 10);
        return Assert.Single(Received);
    }

    public Task HandleAsync(UnhandledEvent unhandled, CancellationToken cancellationToken)
    {
        Received.Enqueue(unhandled);
        return Task.CompletedTask;
    }
}
