using DialNexa.Durable;
using DialNexa.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The base of the suites every store runs (each store derives each suite once: SQLite, Azurite).</summary>
public abstract class StoreConformanceTests
{
    protected abstract TestStore Store { get; }

    private protected Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> register,
        string? location = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IOrchestrationStore, IOrchestrationStore>? wrapStore = null,
        IUnhandledEventHandler? unhandled = null) =>
        DurableTestHost.StartAsync(register, location, settings, wrapStore, Store, unhandled is null ? null : s => s.AddSingleton(unhandled));
}
