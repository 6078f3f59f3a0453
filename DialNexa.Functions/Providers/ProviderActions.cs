using System.Collections.Frozen;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;

namespace DialNexa.Functions.Providers;

/// <summary>
/// Which provider carries out each action, built from the actions each provider declares (its <c>Actions</c>), so an
/// action is named in one place: the provider that owns it. An action two providers claim fails at first use.
/// </summary>
public static class ProviderActions
{
    private static readonly FrozenDictionary<ProviderActionKind, ProviderName> Owners = new (ProviderName Name, IReadOnlyCollection<ProviderActionKind> Actions)[]
    {
        (ProviderName.Gusto, GustoProvider.Actions),
        (ProviderName.Paystack, PaystackProvider.Actions),
        (ProviderName.Plisio, PlisioProvider.Actions),
        (ProviderName.Proabono, ProabonoProvider.Actions),
        (ProviderName.Altoviz, AltovizProvider.Actions),
    }
    .SelectMany(provider => provider.Actions.Select(kind => KeyValuePair.Create(kind, provider.Name)))
    .ToFrozenDictionary();

    /// <summary>The provider that declares the action.</summary>
    public static ProviderName ProviderOf(ProviderActionKind kind) =>
        Owners.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No provider declares this action.");
}
