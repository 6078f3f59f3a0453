using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Hosting;

public sealed class StartupWarningsTests
{
    private const string LocalSecret = "No DialNexa__WebhookSecrets is set";
    private const string LinksInSlack = "set DialNexa__Approvals__Email__Host and __From";
    private const string LocalSigningKey = "No DialNexa__Approvals__SigningKeys is set";

    [Fact]
    public async Task NoWebhookSecret_AndLiveSlackWithoutEmail_BothAreSaidAtStartNamingTheSettings()
    {
        var lines = await StartupLogAsync(new()
        {
            ["Providers:Slack:Mode"] = "Live",
            ["Providers:Slack:WebhookUrl"] = "http://127.0.0.1:9/hooks/test",
        });
        Assert.Contains(lines, l => l.Contains(LocalSecret, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(LinksInSlack, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoApprovalSigningKeys_IsSaidAtStartBeforeAnyApproval()
    {
        var lines = await StartupLogAsync([]);
        Assert.Single(lines, l => l.Contains(LocalSigningKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretAndEmailSet_NothingIsSaid()
    {
        var lines = await StartupLogAsync(new()
        {
            ["DialNexa:WebhookSecrets"] = "a-configured-secret",
            ["Providers:Slack:Mode"] = "Live",
            ["Providers:Slack:WebhookUrl"] = "http://127.0.0.1:9/hooks/test",
            ["DialNexa:Approvals:Email:Host"] = "127.0.0.1",
            ["DialNexa:Approvals:Email:From"] = "approvals@example.com",
            ["DialNexa:Approvals:SigningKeys"] = "startup-warnings-test-signing-key-0123456789",
        });
        Assert.DoesNotContain(lines, l => l.Contains(LocalSecret, StringComparison.Ordinal) || l.Contains(LinksInSlack, StringComparison.Ordinal) || l.Contains(LocalSigningKey, StringComparison.Ordinal));
    }

    private static async Task<List<string>> StartupLogAsync(Dictionary<string, string> settings)
    {
        var logs = new CapturingLoggerProvider();
        await using (await TestApp.StartAsync(settings, configure: builder => builder.Logging.AddProvider(logs)))
        {
        }

        return [.. logs.Lines];
    }
}
