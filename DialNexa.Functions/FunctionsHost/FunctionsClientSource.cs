using DialNexa.Functions.Calls;
using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.FunctionsHost;

/// <summary>
/// The Functions worker's durable client: the <c>[DurableClient]</c> binding of the function being run, made current
/// for the code that function calls (every function that reaches a service needing a client binds one).
/// </summary>
internal sealed class FunctionsClientSource : IDurableClientSource
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    public DurableTaskClient Client => Current.Value
        ?? throw new InvalidOperationException("This function has no [DurableClient] binding, yet the code it runs needs a durable client; add the binding to the function.");

    /// <summary>Makes <paramref name="client"/> the current client until the returned scope is disposed.</summary>
    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Current.Value;
        Current.Value = client;
        return new Scope(previous);
    }

    private sealed class Scope(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
