using DialNexa.Functions.Hosting;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// A secret setting that is still a Key Vault reference at start is resolved, or stops the app naming the setting:
/// the reference text must never become a webhook secret, admin key or signing key.
/// </summary>
public sealed class KeyVaultReferenceTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://dialnexa-kv.vault.azure.net/secrets/the-secret)";

    public static TheoryData<string> SecretKeys() =>
    [
        "DialNexa:WebhookSecrets", "DialNexa:AdminKey", "DialNexa:Approvals:SigningKeys", "DialNexa:Erasure:DigestKeys", "DialNexa:Approvals:Email:Password",
        "Providers:Paystack:SecretKey", "Providers:Gusto:AccessToken", "Providers:Plisio:ApiKey", "Providers:Proabono:AgentKey",
        "Providers:Proabono:ApiKey", "Providers:Altoviz:ApiKey", "Providers:Slack:WebhookUrl", "Providers:Slack:SigningSecret",
    ];

    [Theory]
    [MemberData(nameof(SecretKeys))]
    public void Start_WithAnUnresolvableReference_StopsNamingTheSetting(string key)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = Reference });
        var resolver = new KeyVaultSecretResolver((_, _, _, _) => throw new InvalidOperationException("Forbidden by the vault's access policy."));

        var error = Assert.Throws<InvalidOperationException>(() => KeyVaultReferences.ResolveAtStart(configuration, resolver));

        Assert.Contains(SettingNames.ForOperators(key), error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAResolvableReference_ReplacesTheReferenceWithTheSecret()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DialNexa:AdminKey"] = Reference, ["DialNexa:Other"] = Reference });
        var resolver = new KeyVaultSecretResolver((vault, name, _, _) => Task.FromResult<string?>(vault.Host == "dialnexa-kv.vault.azure.net" && name == "the-secret" ? "resolved-admin-key-0123456789" : null));

        KeyVaultReferences.ResolveAtStart(configuration, resolver);

        Assert.Equal("resolved-admin-key-0123456789", configuration["DialNexa:AdminKey"]);
        Assert.Equal(Reference, configuration["DialNexa:Other"]);
    }

    [Fact]
    public void Build_SelfHostWithAMalformedReference_RefusesToStartNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionAppHost.Build(["--urls=http://127.0.0.1:0", "--DialNexa:WebhookSecrets=@Microsoft.KeyVault(SecretUri=not-a-uri)"]));

        Assert.Contains("DialNexa__WebhookSecrets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolver_AFailedRead_IsNotKept_SoTheNextUseAsksTheVaultAgain()
    {
        var reads = 0;
        var resolver = new KeyVaultSecretResolver((_, _, _, _) => ++reads == 1 ? throw new TimeoutException("The vault did not answer.") : Task.FromResult<string?>("secret-after-the-outage"));

        await Assert.ThrowsAsync<TimeoutException>(() => resolver.ResolveAsync(Reference, CancellationToken.None));

        Assert.Equal("secret-after-the-outage", await resolver.ResolveAsync(Reference, CancellationToken.None));
        Assert.Equal("secret-after-the-outage", await resolver.ResolveAsync(Reference, CancellationToken.None));
        Assert.Equal(2, reads);
    }
}
