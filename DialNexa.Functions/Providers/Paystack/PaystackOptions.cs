using DialNexa.Functions.Providers.Configuration;

namespace DialNexa.Functions.Providers.Paystack;

/// <summary>Paystack's settings (<c>Providers:Paystack</c>).</summary>
public sealed class PaystackOptions : ProviderOptions
{
    /// <summary>Secret key (sk_live_… / sk_test_…).</summary>
    public string? SecretKey { get; set; }

    public override ProviderName Provider => ProviderName.Paystack;

    public override IReadOnlyList<(string Setting, string? Value)> Required => [(nameof(SecretKey), SecretKey)];

    public override IReadOnlyList<string?> Credentials => [SecretKey];
}
