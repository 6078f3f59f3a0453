namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>Failure handling (dead letters, replay mismatch, bad input) on the Azure Storage store.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFailureHandlingTests(AzuriteFixture azurite) : FailureHandlingTests
{
    protected override TestStore Store { get; } = new AzuriteTestStore(azurite);
}
