namespace DialNexa.Functions.Inbox;

/// <summary>Registers the inbox of webhook bodies.</summary>
internal static class InboxServiceCollectionExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton<CallInbox>();
        return services;
    }
}
