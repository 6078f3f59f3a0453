using System.Net;
using System.Text;
using DialNexa.TestSupport;
using DialNexa.Functions.Tests.Hosting;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>When the store goes away, a delivery is answered 503 with Retry-After so DialNexa sends it again; never a 2xx, never a 500.</summary>
public sealed class WebhookStoreOutageTests
{
    [Fact]
    public async Task Post_AzureStorageGoneAfterStart_Is503WithRetryAfterAndAProblem()
    {
        var azurite = await AzuriteProcess.StartAsync();
        await using (azurite)
        {
            await using var app = await TestApp.StartAsync(new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["extensions:durableTask:hubName"] = "Outage" + Guid.NewGuid().ToString("N")[..12],
                ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            });
            var first = WebhookSender.Sample("call_ended.hangup.json");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, first, WebhookSender.Sign(first))).StatusCode);

            await azurite.DisposeAsync();
            var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json")).Replace("call_7f3a9c21d4", "call_outage_1", StringComparison.Ordinal));
            var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("retry", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
