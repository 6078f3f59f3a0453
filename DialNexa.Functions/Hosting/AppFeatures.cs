using DialNexa.Functions.Approvals;
using DialNexa.Functions.Extraction;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Inbox;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.OperationsConsole;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Redaction;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Review;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// The features both hosts run. Each room registers and maps itself; this is the one place that composes them, so the
/// self-host and the Functions worker cannot drift apart.
/// </summary>
internal static class AppFeatures
{
    public static IServiceCollection AddAppFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebhooks(configuration)
            .AddInbox()
            .AddRedaction()
            .AddExtraction(configuration)
            .AddFinanceProviders(configuration)
            .AddNotifications(configuration)
            .AddReview()
            .AddRetention(configuration)
            .AddCallHandoff(configuration)
            .AddApprovals(configuration)
            .AddOperationsConsole(configuration);
        services.AddHostedService<StartupWarnings>();
        return services;
    }

    /// <summary>The self-host's schedules; the Functions worker runs the same passes on timer triggers.</summary>
    public static IServiceCollection AddAppSchedules(this IServiceCollection services) =>
        services.AddRetentionSchedule().AddHandoffSchedules();

    /// <summary>The self-host's routes; the Functions worker's HTTP triggers call the same handlers.</summary>
    public static WebApplication MapAppFeatures(this WebApplication app)
    {
        app.MapDialNexaWebhook();
        app.MapCallStatus();
        app.MapCallErasure();
        app.MapReview();
        app.MapActionRerun();
        app.MapApprovals();
        app.MapOperationsConsole();
        return app;
    }
}
