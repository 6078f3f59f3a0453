using System.Net;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// Findings 6 and 9 of issue 14: whatever the log settings (here everything at Trace, as with no host.json beside the
/// binary), no log line carries the admin key, an approval token, a pre-signed recording URL's query, or an untrusted
/// line-separator or direction-changing character.
/// </summary>
public sealed class LogSafetyTests
{
    private const string AdminKey = "admin-key-for-the-log-test-0123456789abcdef";

    [Fact]
    public async Task Requests_WithKeysTokensAndSignedUrls_AtTraceLevel_NoLogLineCarriesThem()
    {
        var (app, _, _, logs) = await HostileCallApp.StartAsync(new()
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["DialNexa:AdminKey"] = AdminKey,
            ["DialNexa:Recordings:AllowedHosts"] = "recordings.example.invalid",
        });
        await using (app)
        {
            app.Http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
            var body = WebhookSender.Sample("call_ended.completed.dispute.json");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
            var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, HandoffTestApp.DisputeCall);
            var link = new Uri(status.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!).PathAndQuery;
            var token = link[(link.LastIndexOf('/') + 1)..];

            using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/calls/{HandoffTestApp.DisputeCall}?code={AdminKey}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
            var redirect = await anonymous.GetAsync($"/api/calls/{HandoffTestApp.DisputeCall}/recording?code={AdminKey}");
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Contains("sig=abc", redirect.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
            await anonymous.GetAsync($"/runtime/webhooks/durabletask/instances?code={AdminKey}");
            await Task.Delay(200);

            var lines = logs.Lines.ToList();
            Assert.Contains(lines, l => l.Contains("/api/calls/", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(AdminKey, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("sig=abc", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Requests_WithLineSeparatorAndDirectionOverrideInThePath_AreEscapedInEveryLogLine()
    {
        var (app, _, _, logs) = await HostileCallApp.StartAsync(new() { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" });
        await using (app)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/calls/call_x%E2%80%A8forged%E2%80%AEline")).StatusCode);
            var body = WebhookSender.Sample("call_ended.hangup.json");
            var odd = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("\"hangup_reason\": \"user_did_not_pick_up\"", "\"hangup_reason\": \"a\\u2028b\\u202ec\\r\\nd\"", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, odd, WebhookSender.Sign(odd))).StatusCode);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_0be1d77a02");
            await Task.Delay(200);

            var lines = logs.Lines.ToList();
            Assert.Contains(lines, l => l.Contains("call_x", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains('\u2028', StringComparison.Ordinal) || l.Contains('\u202E', StringComparison.Ordinal) || l.Contains('\u2029', StringComparison.Ordinal));
        }
    }
}
