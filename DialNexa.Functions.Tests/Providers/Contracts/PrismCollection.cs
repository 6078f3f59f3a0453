namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>The tests that share one Prism per spec for the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismFixture>
{
    public const string Name = "Prism";
}
