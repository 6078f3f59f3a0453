using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Tests.Handoff;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// Finding 10 of issue 14: with no admin key the self-host trusts callers on this machine, but not a web page in a
/// browser on this machine: cross-site requests and foreign Host names (DNS rebinding) are refused.
/// </summary>
public sealed class LoopbackTrustTests
{
    private const string Terminate = $"/runtime/webhooks/durabletask/instances/{HandoffTestApp.DisputeCall}/terminate";

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Terminate_FormPostFromAnotherSiteWithoutAdminKey_IsRefusedAndTheCallKeepsWaiting(string header, string value)
    {
        var (app, paystack, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            using var request = new HttpRequestMessage(HttpMethod.Post, Terminate + "?reason=csrf") { Content = new FormUrlEncodedContent([new("reason", "csrf")]) };
            request.Headers.Add(header, value);

            var response = await app.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("DialNexa__AdminKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await Task.Delay(300);
            Assert.Equal("AwaitingApproval", (await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{HandoffTestApp.DisputeCall}")).GetProperty("stage").GetString());
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task StatusRoute_ForeignHostNameWithoutAdminKey_IsRefused_TheLoopbackNamesAreServed()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            foreach (var host in new[] { "evil.example", "evil.example:" + app.BaseAddress.Port, "localhost.evil.example" })
            {
                using var rebound = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{HandoffTestApp.DisputeCall}");
                rebound.Headers.Host = host;
                var refused = await app.Http.SendAsync(rebound);
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.DoesNotContain("AwaitingApproval", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            foreach (var host in new[] { "localhost:" + app.BaseAddress.Port, "127.0.0.1:" + app.BaseAddress.Port, "[::1]:" + app.BaseAddress.Port })
            {
                using var local = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{HandoffTestApp.DisputeCall}");
                local.Headers.Host = host;
                Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(local)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task StatusRoute_SameOriginBrowserRequestWithoutAdminKey_IsServed()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{HandoffTestApp.DisputeCall}");
            request.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(request)).StatusCode);
        }
    }
}
