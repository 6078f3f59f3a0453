using System.Net;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Hosting;

namespace DialNexa.Functions.Tests.Webhooks;

public sealed class SignatureRefusalTests
{
    [Fact]
    public async Task Post_WrongSignature_WithTheLocalSecret_SaysTheLocalDevelopmentSecretIsInUseWithoutShowingIt()
    {
        await using var app = await TestApp.StartAsync();
        var body = WebhookSender.Sample("call_ended.hangup.json");

        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body, "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("local development secret", detail, StringComparison.Ordinal);
        Assert.Contains("data directory", detail, StringComparison.Ordinal);
        Assert.Contains("DialNexa__WebhookSecrets is not set", detail, StringComparison.Ordinal);
        var localSecret = File.ReadAllText(Directory.EnumerateFiles(app.DataDirectory, "webhook-secret", SearchOption.AllDirectories).Single()).Trim();
        Assert.True(localSecret.Length >= 16, "the local secret file should hold a generated secret");
        Assert.False(detail.Contains(localSecret, StringComparison.Ordinal), "the 401 detail must not carry the local secret");
    }

    [Fact]
    public async Task Post_WrongSignature_WithConfiguredSecrets_NamesTheSettingAndNotTheLocalSecret()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string> { ["DialNexa:WebhookSecrets"] = WebhookSender.Secret });
        var body = WebhookSender.Sample("call_ended.hangup.json");

        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body, "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("DialNexa__WebhookSecrets (the configured setting)", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("local development secret", detail, StringComparison.Ordinal);
        Assert.False(detail.Contains(WebhookSender.Secret, StringComparison.Ordinal), "the 401 detail must not carry a configured secret");
    }
}
