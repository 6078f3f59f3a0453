using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers.Gusto;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>Registers finance approvals: settings (validated at start), signed links, the store, the page and Slack interactivity.</summary>
internal static class ApprovalsServiceCollectionExtensions
{
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalsOptions>().Bind(configuration.GetSection(ApprovalsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalsOptions>, ApprovalsOptionsValidator>();
        services.AddOptions<SlackInteractivityOptions>().Bind(configuration.GetSection(SlackInteractivityOptions.SectionName))
            .Validate(o => o.MaxClockSkewSeconds is > 0 and <= 300, "Providers__Slack__MaxClockSkewSeconds must be between 1 and 300.")
            .ValidateOnStart();
        services.AddSingleton<ApprovalKeyRing>();
        services.AddSingleton<ApprovalTokens>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<ApprovalDecisions>();
        services.AddSingleton<ApprovalMailer>();
        services.AddSingleton<ApproverZones>();
        services.AddSingleton<ApprovalViews>();
        services.AddSingleton<BankAccountEntries>();
        services.AddSingleton<IGustoBankAccountEntries>(sp => sp.GetRequiredService<BankAccountEntries>());
        services.AddSingleton<SlackResponder>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackResponder>());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".dialnexa.approvals";
            o.Cookie.Path = "/api/approvals";
            o.FormFieldName = "__RequestVerificationToken";
        });
        return services;
    }

    public static WebApplication MapApprovals(this WebApplication app)
    {
        app.MapApprovalPages();
        app.MapSlackInteractions();
        return app;
    }
}
