namespace DialNexa.Functions.Tests.Durable.AzureStorage;

/// <summary>The engine's semantics suite on the Azure Storage store, against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteOrchestrationSemanticsTests(AzuriteFixture azurite) : OrchestrationSemanticsTests
{
    protected override TestStore Store { get; } = new AzuriteTestStore(azurite);
}
