using DialNexa.Durable;
using DialNexa.Durable.Storage;

namespace DialNexa.Functions.Tests.Durable;

/// <summary>The embedded store in a temp folder per test.</summary>
public sealed class SqliteTestStore : TestStore
{
    public static SqliteTestStore Instance { get; } = new();

    public override string NewLocation() => Path.Combine(Path.GetTempPath(), "dialnexa-durable-tests", Guid.NewGuid().ToString("N"));

    internal override IOrchestrationStore Open(IServiceProvider services, DurableTaskOptions options, string location) =>
        DurableTaskServiceCollectionExtensions.EmbeddedStore(location)(services, options);
}
