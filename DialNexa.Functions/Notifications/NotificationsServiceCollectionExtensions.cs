using DialNexa.Functions.Notifications.Slack;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Notifications;

/// <summary>Registers the Slack channel and its settings (validated at start). It posts through the providers' HTTP clients, secret resolver and outbox.</summary>
public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton<ISlackPoster, SlackChannel>();
        return services;
    }
}
