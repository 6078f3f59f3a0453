using System.Collections.Concurrent;
using DialNexa.Durable;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>An app's handler for events its orchestrations never handled, keeping what the engine handed over.</summary>
internal sealed class RecordingUnhandledEvents : IUnhandledEventHandler
{
    public ConcurrentQueue<UnhandledEvent> Received { get; } = new();

    public Task HandleAsync(UnhandledEvent unhandled, CancellationToken cancellationToken)
    {
        Received.Enqueue(unhandled);
        return Task.CompletedTask;
    }
}
