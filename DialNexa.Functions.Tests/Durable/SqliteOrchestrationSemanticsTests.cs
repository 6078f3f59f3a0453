namespace DialNexa.Functions.Tests.Durable;

/// <summary>The engine's semantics suite on the embedded SQLite store.</summary>
public sealed class SqliteOrchestrationSemanticsTests : OrchestrationSemanticsTests
{
    protected override TestStore Store => SqliteTestStore.Instance;
}
