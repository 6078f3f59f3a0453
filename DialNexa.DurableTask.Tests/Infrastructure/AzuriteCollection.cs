using DialNexa.TestSupport;
namespace DialNexa.DurableTask.Tests.Infrastructure;

/// <summary>Test classes that share one Azurite (each uses its own task hub in it).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
