using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// Says at start what a setting left out means, each naming the setting to fix: webhooks verified with the generated
/// local secret, approval links signed with the generated local key, erased calls remembered with a key kept beside the
/// data, and personal approval links posted to a live Slack channel because no email relay is set.
/// </summary>
internal sealed partial class StartupWarnings(
    WebhookSecretRing secrets,
    ApprovalKeyRing approvalKeys,
    ErasedCalls erasedCalls,
    IOptions<ApprovalsOptions> approvals,
    IOptions<SlackOptions> slack,
    ILogger<StartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (secrets.IsLocal)
        {
            WebhookLog.LocalSecretInUse(logger);
        }

        if (approvalKeys.IsLocal)
        {
            ApprovalKeyRing.LocalKeyInUse(logger);
        }

        if (erasedCalls.IsLocal)
        {
            ErasureKeyLocal(logger);
        }

        if (!approvals.Value.Email.IsConfigured && slack.Value.Mode == ProviderMode.Live)
        {
            ApprovalLinksInSlack(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(2302, LogLevel.Warning, "No DialNexa__Erasure__DigestKeys is set: erased calls are remembered with a key generated in the data directory, beside the data it protects. Set DialNexa__Erasure__DigestKeys (32+ characters, or a Key Vault reference) in production.")]
    private static partial void ErasureKeyLocal(ILogger logger);

    [LoggerMessage(2301, LogLevel.Warning, "Personal approval links are posted to the Slack channel, where any member can open them: set DialNexa__Approvals__Email__Host and __From to email each approver their own link instead.")]
    private static partial void ApprovalLinksInSlack(ILogger logger);
}
