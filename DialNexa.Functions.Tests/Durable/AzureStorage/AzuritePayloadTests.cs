namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>Claim-check payloads on the Azure Storage store.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuritePayloadTests(AzuriteFixture azurite) : PayloadTests
{
    protected override TestStore Store { get; } = new AzuriteTestStore(azurite);
}
