namespace DialNexa.Functions.Tests.Durable;

/// <summary>Failure handling on the embedded SQLite store.</summary>
public sealed class SqliteFailureHandlingTests : FailureHandlingTests
{
    protected override TestStore Store => SqliteTestStore.Instance;
}
