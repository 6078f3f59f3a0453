using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Review;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>Registers the call handoff: its settings, orchestrators, activities and what they use.</summary>
internal static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// The handoff's services, on either host: its settings, orchestrators and activities and what they use. The rooms
    /// below it register themselves (see <c>docs/architecture.md</c>); the hosts compose them.
    /// </summary>
    public static IServiceCollection AddCallHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>()
            .Configure(o => ConfiguredHandoffLists.ClearDefaultsOf(o, configuration.GetSection(HandoffOptions.SectionName)))
            .Bind(configuration.GetSection(HandoffOptions.SectionName))
            .Validate(o => o.MessageRetry.Problem("DialNexa__Handoff__MessageRetry") is null, "DialNexa__Handoff__MessageRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:30, 00:30:00, 1.00:00:00).")
            .Validate(o => o.WriteRetry.Problem("DialNexa__Handoff__WriteRetry") is null, "DialNexa__Handoff__WriteRetry: FirstDelay must be positive, MaxDelay at least FirstDelay, GiveUpAfter positive (for example 00:00:15, 00:10:00, 01:00:00).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{RecordingOptions.AllowedHostsSetting} must list host names (recordings.example.com, *.blob.core.windows.net), without scheme or path.")
            .ValidateOnStart();
        foreach (var task in Orchestrators.Concat(Activities))
        {
            services.AddTransient(task);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CallRecordingStore>();
        services.AddSingleton<CallTranscripts>();
        services.AddSingleton<ICallTranscripts>(services => services.GetRequiredService<CallTranscripts>());
        services.AddSingleton<LateDeliveries>();
        services.AddSingleton<LateDeliveryReviews>();
        services.AddSingleton<HandoffDeliveries>();
        services.AddSingleton<FailedHandoffs>();
        services.AddSingleton<InboxReconciler>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<IReviewSubjects, HandoffReviewSubjects>();
        services.AddSingleton<ActionReruns>();
        services.AddSingleton<ProviderDirectory>();
        services.AddSingleton<Messages.MessageSender>();
        return services;
    }

    /// <summary>The self-host's own schedule of the handoff (the Functions app runs the same pass on a timer trigger).</summary>
    public static IServiceCollection AddHandoffSchedules(this IServiceCollection services)
    {
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
        typeof(AssessCallActivity),
        typeof(RouteToReviewActivity),
        typeof(OpenReviewActivity),
        typeof(RequestApprovalActivity),
        typeof(RemindApprovalActivity),
        typeof(AnnounceDecisionActivity),
        typeof(ExecuteProviderActionActivity),
        typeof(SummarizeCallActivity),
        typeof(RecordCallActivity),
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
}
