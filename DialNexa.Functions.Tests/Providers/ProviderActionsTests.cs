using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;

namespace DialNexa.Functions.Tests.Providers;

public sealed class ProviderActionsTests
{
    [Fact]
    public void ProviderOf_EveryAction_IsTheProviderThatDeclaresIt()
    {
        foreach (var kind in Enum.GetValues<ProviderActionKind>())
        {
            var owner = ProviderActions.ProviderOf(kind);
            Assert.StartsWith(owner.ToString(), kind.ToString(), StringComparison.Ordinal);
        }

        Assert.All(GustoProvider.Actions, kind => Assert.Equal(ProviderName.Gusto, ProviderActions.ProviderOf(kind)));
        Assert.All(PaystackProvider.Actions, kind => Assert.Equal(ProviderName.Paystack, ProviderActions.ProviderOf(kind)));
    }
}
