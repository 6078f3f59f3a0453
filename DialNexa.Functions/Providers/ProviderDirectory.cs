namespace DialNexa.Functions.Providers;

/// <summary>
/// The registered providers, one per platform (a later registration replaces an earlier one, so tests can swap a
/// client); a missing one becomes a NotConfigured result naming the setting.
/// </summary>
internal sealed class ProviderDirectory(IEnumerable<IFinanceProvider> providers)
{
    private readonly Dictionary<ProviderName, IFinanceProvider> _byName = providers.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last());

    public IReadOnlyCollection<IFinanceProvider> All => _byName.Values;

    public async Task<ProviderActionResult> ExecuteAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        var name = ProviderActions.ProviderOf(request.Kind);
        if (!_byName.TryGetValue(name, out var provider))
        {
            return new ProviderActionResult
            {
                Provider = name,
                Kind = request.Kind,
                Mode = ProviderMode.DryRun,
                Outcome = ProviderActionOutcome.NotConfigured,
                Message = $"No {name} client is registered in this app.",
                SettingToFix = $"Providers__{name}",
            };
        }

        return await provider.ExecuteAsync(request, cancellationToken);
    }

    /// <summary>What the action would send now, for finance to approve; reads only.</summary>
    public async Task<ProviderWritePreview> PreviewAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        var name = ProviderActions.ProviderOf(request.Kind);
        return _byName.TryGetValue(name, out var provider)
            ? await provider.PreviewAsync(request, cancellationToken)
            : ProviderWritePreview.Unavailable(name, request.Kind, ProviderMode.DryRun, $"No {name} client is registered in this app: nothing will be sent.");
    }
}
