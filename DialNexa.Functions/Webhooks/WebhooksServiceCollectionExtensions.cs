using DialNexa.Functions.Settings;

namespace DialNexa.Functions.Webhooks;

/// <summary>Registers the webhook receiver's settings and secrets.</summary>
internal static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.MaxWebhookBodyBytes > 0, "DialNexa__MaxWebhookBodyBytes must be positive.")
            .Validate(
                o => (o.WebhookSecrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(s => SecretLength.IsEnough(s, WebhookOptions.MinimumSecretLength)),
                $"DialNexa__WebhookSecrets: each secret needs at least {WebhookOptions.MinimumSecretLength} characters, or a Key Vault reference.")
            .Validate(
                o => string.IsNullOrEmpty(o.AdminKey) || SecretLength.IsEnough(o.AdminKey, WebhookOptions.MinimumAdminKeyLength),
                $"DialNexa__AdminKey needs at least {WebhookOptions.MinimumAdminKeyLength} characters (for example 32 random bytes as hex), or a Key Vault reference.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSecretRing>();
        return services;
    }
}
