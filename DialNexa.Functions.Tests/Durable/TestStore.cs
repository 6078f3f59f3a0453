using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>A store the conformance suite runs on: where a fresh one lives, and how a host opens it.</summary>
public abstract class TestStore
{
    /// <summary>A new, empty location (a folder for SQLite, a hub name for Azure Storage).</summary>
    public abstract string NewLocation();

    internal abstract IOrchestrationStore Open(IServiceProvider services, DurableTaskOptions options, string location);
}
