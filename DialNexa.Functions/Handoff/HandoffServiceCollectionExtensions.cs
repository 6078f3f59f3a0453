using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>Registers the call handoff: webhook receiver, inbox, policy options and the orchestration's dependencies.</summary>
internal static class HandoffServiceCollectionExtensions
{
    /// <summary>The handoff's services, on either host. The schedules of the self-host come from <see cref="AddHandoffSchedules"/>.</summary>
    public static IServiceCollection AddCallHandoff(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.MaxWebhookBodyBytes > 0, "DialNexa:MaxWebhookBodyBytes must be positive.")
            .Validate(
                o => (o.WebhookSecrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(s => IsLongEnough(s, WebhookOptions.MinimumSecretLength)),
                $"DialNexa__WebhookSecrets: each secret needs at least {WebhookOptions.MinimumSecretLength} characters, or a Key Vault reference.")
            .Validate(
                o => string.IsNullOrEmpty(o.AdminKey) || IsLongEnough(o.AdminKey, WebhookOptions.MinimumAdminKeyLength),
                $"DialNexa__AdminKey needs at least {WebhookOptions.MinimumAdminKeyLength} characters (for example 32 random bytes as hex), or a Key Vault reference.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffRoutesValidator>();
        services.AddOptions<HandoffOptions>()
            .Configure(o => HandoffRoutesValidator.ClearConfiguredLists(o, configuration.GetSection(HandoffOptions.SectionName)))
            .Bind(configuration.GetSection(HandoffOptions.SectionName))
            .Validate(o => o.MinimumMatchConfidence is >= 0 and <= 1, "DialNexa:Handoff:MinimumMatchConfidence must be between 0 and 1.")
            .Validate(o => o.ApprovalTimeout > TimeSpan.Zero, "DialNexa:Handoff:ApprovalTimeout must be positive (for example 1.00:00:00).")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.KeepFor is null || o.KeepFor > TimeSpan.Zero, "DialNexa__Retention__KeepFor must be positive (for example 400.00:00:00), or unset to keep every call.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "DialNexa__Retention__SweepInterval must be positive (for example 01:00:00).")
            .ValidateOnStart();
        services.AddOptions<ErasureOptions>().Bind(configuration.GetSection(ErasureOptions.SectionName))
            .Validate(
                o => o.Keys().All(k => k.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) || k.Length >= ErasureOptions.MinimumKeyLength),
                $"{ErasureOptions.DigestKeysSetting}: each key needs at least {ErasureOptions.MinimumKeyLength} characters (for example 32 random bytes as hex), or a Key Vault reference.")
            .ValidateOnStart();
        services.AddSingleton<ErasedCalls>();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{RecordingOptions.AllowedHostsSetting} must list host names (recordings.example.com, *.blob.core.windows.net), without scheme or path.")
            .ValidateOnStart();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<OrphanedCallSweep>();
        services.AddDataProtection()
            .SetApplicationName("DialNexa.Functions")
            .PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(configuration, environment)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSecretRing>();
        services.AddSingleton<CallInbox>();
        services.AddSingleton<CallRecordingStore>();
        services.AddSingleton<LateDeliveries>();
        services.AddSingleton<HandoffDeliveries>();
        services.AddSingleton<FailedHandoffs>();
        services.AddSingleton<InboxReconciler>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<CallEraser>();
        services.AddSingleton<ProviderDirectory>();
        services.AddFinanceProviders(configuration);
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.SectionName));
        services.AddSingleton<TranscriptRedactor>();
        services.AddSingleton<ICallRedactor, DialNexaCallRedactor>();
        services.AddSingleton<IFactExtractor, FinanceContextExtractor>();
        return services;
    }

    /// <summary>The self-host's own schedules (the Functions app runs the same passes on timer triggers).</summary>
    public static IServiceCollection AddHandoffSchedules(this IServiceCollection services)
    {
        services.AddHostedService<RetentionSweeper>();
        services.AddHostedService<InboxReconcilerService>();
        return services;
    }

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<CallHandoffOrchestrator>()
        .AddOrchestrator<LateDeliveryOrchestrator>()
        .AddActivity<RedactCallActivity>()
        .AddActivity<ExtractFactsActivity>()
        .AddActivity<MatchCallerActivity>()
        .AddActivity<PlanHandoffActivity>()
        .AddActivity<RouteToReviewActivity>()
        .AddActivity<OpenReviewActivity>()
        .AddActivity<RequestApprovalActivity>()
        .AddActivity<RemindApprovalActivity>()
        .AddActivity<AnnounceDecisionActivity>()
        .AddActivity<ExecuteProviderActionActivity>()
        .AddActivity<SummarizeCallActivity>()
        .AddActivity<NotifyActivity>()
        .AddActivity<CloseInboxActivity>()
        .AddActivity<UnreadDeliveriesActivity>();

    /// <summary>
    /// Where the inbox's DataProtection keys live: <c>DialNexa:DataProtection:KeysDirectory</c>, default <c>keys</c> under
    /// the data directory. Hosts sharing one Azure Storage hub must share this folder (a mounted share): a delivery one
    /// host encrypted is redacted by whichever host runs the activity.
    /// </summary>
    private static string KeysDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["DialNexa:DataProtection:KeysDirectory"] is { Length: > 0 } shared
            ? shared
            : Path.Combine(DataDirectory.Resolve(configuration, environment), "keys");

    private static bool IsLongEnough(string secret, int minimum) =>
        secret.Length >= minimum || secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
