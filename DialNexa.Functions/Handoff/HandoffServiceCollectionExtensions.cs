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
            .Validate(o => o.MaxWebhookBodyBytes > 0, "DialNexa__MaxWebhookBodyBytes must be positive.").ValidateOnStart();
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.SectionName))
            .PostConfigure(options => ReplaceConfiguredLists(options, configuration.GetSection(HandoffOptions.SectionName)))
            .Validate(o => o.MessageRetry.Problem("DialNexa__Handoff__MessageRetry") is null, "DialNexa__Handoff__MessageRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:30, 00:30:00, 1.00:00:00).")
            .Validate(o => o.WriteRetry.Problem("DialNexa__Handoff__WriteRetry") is null, "DialNexa__Handoff__WriteRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:15, 00:10:00, 01:00:00).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.KeepFor is null || o.KeepFor > TimeSpan.Zero, "DialNexa__Retention__KeepFor must be positive (for example 400.00:00:00), or unset to keep every call.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "DialNexa__Retention__SweepInterval must be positive (for example 01:00:00).")
            .ValidateOnStart();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSecretRing>();
        services.AddSingleton<CallInbox>();
        services.AddSingleton<CallRecordingStore>();
        services.AddSingleton<CallTranscripts>();
        services.AddSingleton<LateDeliveries>();
        services.AddSingleton<HandoffDeliveries>();
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
    private static void ReplaceConfiguredLists(HandoffOptions options, IConfigurationSection section)
    {
        foreach (var route in section.GetSection(nameof(HandoffOptions.Routes)).GetChildren())
        {
            if (Enum.TryParse<HandoffWorkflow>(route.Key, ignoreCase: true, out var workflow))
            {
                options.Routes[workflow] = route.Get<List<ProviderActionKind>>() ?? [];
            }
        }

        if (section.GetSection(nameof(HandoffOptions.SensitiveActions)).Exists())
        {
            options.SensitiveActions.Clear();
            options.SensitiveActions.AddRange(section.GetSection(nameof(HandoffOptions.SensitiveActions)).Get<List<ProviderActionKind>>() ?? []);
        }

        if (section.GetSection(nameof(HandoffOptions.ApprovalWorkflows)).Exists())
        {
            options.ApprovalWorkflows.Clear();
            options.ApprovalWorkflows.AddRange(section.GetSection(nameof(HandoffOptions.ApprovalWorkflows)).Get<List<HandoffWorkflow>>() ?? []);
        }
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
        .AddOrchestrator<ActionRerunOrchestrator>()
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
        .AddActivity<UnreadDeliveriesActivity>()
        .AddActivity<DeliverMessageActivity>();
}
