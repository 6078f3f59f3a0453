using DialNexa.TestSupport;
namespace DialNexa.Functions.Tests.Support;

/// <summary>The tests that share the run's Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
