namespace DialNexa.Functions.Providers;

/// <summary>How a provider's writes are carried out: rendered and recorded only (the default), or sent.</summary>
public enum ProviderMode
{
    DryRun,
    Live,
}
