using Microsoft.DurableTask.Client;

namespace DialNexa.Functions.Calls;

/// <summary>
/// The durable client of the host the code runs in: on the self-host, the client over its orchestration service; in
/// the Functions worker, the <c>[DurableClient]</c> binding of the function being run. Services take this port instead
/// of a client, so the same code runs on both hosts.
/// </summary>
public interface IDurableClientSource
{
    DurableTaskClient Client { get; }
}
