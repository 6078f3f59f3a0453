namespace DialNexa.Functions.Tests.Durable;

/// <summary>Claim-check payloads on the embedded SQLite store.</summary>
public sealed class SqlitePayloadTests : PayloadTests
{
    protected override TestStore Store => SqliteTestStore.Instance;
}
