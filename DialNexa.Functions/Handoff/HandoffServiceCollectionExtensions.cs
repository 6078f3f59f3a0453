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
            .Validate(o => o.MaxWebhookBodyBytes > 0, "DialNexa__MaxWebhookBodyBytes must be positive.")
            .Validate(
                o => (o.WebhookSecrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(s => IsLongEnough(s, WebhookOptions.MinimumSecretLength)),
                $"DialNexa__WebhookSecrets: each secret needs at least {WebhookOptions.MinimumSecretLength} characters, or a Key Vault reference.")
            .Validate(
                o => string.IsNullOrEmpty(o.AdminKey) || IsLongEnough(o.AdminKey, WebhookOptions.MinimumAdminKeyLength),
                $"DialNexa__AdminKey needs at least {WebhookOptions.MinimumAdminKeyLength} characters (for example 32 random bytes as hex), or a Key Vault reference.")
            .ValidateOnStart();
        services.AddOptions<HandoffOptions>()
            .Configure(o => ConfiguredHandoffLists.ClearDefaultsOf(o, configuration.GetSection(HandoffOptions.SectionName)))
            .Bind(configuration.GetSection(HandoffOptions.SectionName))
            .Validate(o => o.MessageRetry.Problem("DialNexa__Handoff__MessageRetry") is null, "DialNexa__Handoff__MessageRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:30, 00:30:00, 1.00:00:00).")
            .Validate(o => o.WriteRetry.Problem("DialNexa__Handoff__WriteRetry") is null, "DialNexa__Handoff__WriteRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:15, 00:10:00, 01:00:00).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
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
        foreach (var task in Orchestrators.Concat(Activities))
        {
            services.AddTransient(task);
        }

        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<OrphanedCallSweep>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSecretRing>();
        services.AddSingleton<CallInbox>();
        services.AddSingleton<CallRecordingStore>();
        services.AddSingleton<CallTranscripts>();
        services.AddSingleton<LateDeliveries>();
        services.AddSingleton<HandoffDeliveries>();
        services.AddSingleton<FailedHandoffs>();
        services.AddSingleton<InboxReconciler>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ActionReruns>();
        services.AddSingleton<CallEraser>();
        services.AddSingleton<ProviderDirectory>();
        services.AddFinanceProviders(configuration);
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.SectionName));
        services.AddSingleton<TranscriptRedactor>();
        services.AddSingleton<ICallRedactor, DialNexaCallRedactor>();
        services.AddSingleton<IFactExtractor, FinanceContextExtractor>();
        return services;
    }

    /// <summary>
    /// A list set in configuration replaces its default instead of being added to it (the binder appends to a list that
    /// has items): <c>DialNexa__Handoff__Routes__Dispute__0=PaystackCreateCustomer</c> makes that the dispute route,
    /// and <c>DialNexa__Handoff__SensitiveActions__0=...</c> the whole list of sensitive actions.
    /// </summary>
    /// <summary>The self-host's own schedules (the Functions app runs the same passes on timer triggers).</summary>
    public static IServiceCollection AddHandoffSchedules(this IServiceCollection services)
    {
        services.AddHostedService<RetentionSweeper>();
        services.AddHostedService<InboxReconcilerService>();
        return services;
    }

    /// <summary>The handoff's orchestrators, registered with the durable runtime on either host.</summary>
    internal static readonly Type[] Orchestrators =
    [
        typeof(CallHandoffOrchestrator),
        typeof(LateDeliveryOrchestrator),
        typeof(ActionRerunOrchestrator),
    ];

    /// <summary>The handoff's activities, registered with the durable runtime on either host.</summary>
    internal static readonly Type[] Activities =
    [
        typeof(RedactCallActivity),
        typeof(ExtractFactsActivity),
        typeof(MatchCallerActivity),
        typeof(PlanHandoffActivity),
        typeof(RouteToReviewActivity),
        typeof(OpenReviewActivity),
        typeof(RequestApprovalActivity),
        typeof(RemindApprovalActivity),
        typeof(AnnounceDecisionActivity),
        typeof(ExecuteProviderActionActivity),
        typeof(SummarizeCallActivity),
        typeof(NotifyActivity),
        typeof(CloseInboxActivity),
        typeof(UnreadDeliveriesActivity),
        typeof(DeliverMessageActivity),
    ];

    /// <summary>
    /// Registers the orchestrators and activities with the durable runtime. Each type is also a transient service (see
    /// <see cref="AddCallHandoff"/>): the runtime then gets each instance from the container's compiled factory instead of
    /// finding its constructor by reflection for every work item.
    /// </summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }
    }

    private static bool IsLongEnough(string secret, int minimum) =>
        secret.Length >= minimum || secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
