using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The base of the suites every store runs (each store derives each suite once: SQLite, Azurite).</summary>
public abstract class StoreConformanceTests
{
    protected abstract TestStore Store { get; }

    private protected Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> register,
        string? location = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IOrchestrationStore, IOrchestrationStore>? wrapStore = null) =>
        DurableTestHost.StartAsync(register, location, settings, wrapStore, Store);
}
