using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// Finding 4 of issue 14: links in statuses, approval requests and Slack come from configuration or the listening
/// address, never from a request's Host or X-Forwarded-* headers, which the webhook signature does not cover.
/// </summary>
public sealed class PublicLinkTests
{
    [Fact]
    public async Task Post_WithForgedHostAndForwardedHeaders_EveryLinkUsesTheListeningAddress()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var answer = await PostForgedAsync(app);
            var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);

            var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
            AssertEveryLinkStartsWith(origin, answer, status, slack);
        }
    }

    [Fact]
    public async Task Post_WithForgedHost_AndAPublicBaseUrl_EveryLinkUsesTheConfiguredUrl()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync(new() { ["DialNexa:Handoff:PublicBaseUrl"] = "https://finance-handoff.example.com/" });
        await using (app)
        {
            var answer = await PostForgedAsync(app);
            var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);
            AssertEveryLinkStartsWith("https://finance-handoff.example.com", answer, status, slack);
        }
    }

    private static async Task<string> PostForgedAsync(TestApp app)
    {
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dialnexa/webhook") { Content = content };
        request.Headers.Add("X-DialNexa-Signature", WebhookSender.Sign(body));
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Forwarded", "host=evil.example;proto=https");
        var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertEveryLinkStartsWith(string origin, string answer, JsonElement status, RecordingSlackPoster slack)
    {
        var links = new List<string>();
        using (var accepted = JsonDocument.Parse(answer))
        {
            links.Add(accepted.RootElement.GetProperty("callStatusUri").GetString()!);
            links.Add(accepted.RootElement.GetProperty("statusQueryGetUri").GetString()!);
        }

        foreach (var property in status.GetProperty("links").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name.EndsWith("Url", StringComparison.Ordinal)))
        {
            links.Add(property.Value.GetString()!);
        }

        links.AddRange(status.GetProperty("approval").GetProperty("request").GetProperty("approvers").EnumerateArray().Select(a => a.GetProperty("url").GetString()!));
        links.AddRange(slack.Received.SelectMany(r => r.Links).Select(l => l.Url));
        Assert.True(links.Count >= 6);
        Assert.All(links, link => Assert.StartsWith(origin + "/", link, StringComparison.Ordinal));
        Assert.DoesNotContain("evil.example", answer + status + string.Join(' ', slack.Received.Select(r => r.Text)), StringComparison.Ordinal);
    }
}
