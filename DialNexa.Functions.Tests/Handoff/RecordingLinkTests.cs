using System.Net;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>DialNexa's recording URL is pre-signed: notes, alerts and provider writes carry our gated link instead.</summary>
public sealed class RecordingLinkTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;
    private const string SignedRecording = "https://recordings.example.invalid/call_7f3a9c21d4.wav?sig=abc";

    [Fact]
    public async Task Handoff_CallWithSignedRecordingUrl_NotesAndAlertsCarryTheGatedLinkNeverTheSignature()
    {
        var (app, paystack, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);

            var sent = paystack.Received.Select(r => new[] { r.Note, r.Message }.Concat(r.Links.Select(l => l.Url)))
                .Concat(slack.Received.Select(m => new[] { m.Text }.Concat(m.Links.Select(l => l.Url))))
                .ToList();
            Assert.NotEmpty(slack.Received);
            Assert.NotEmpty(paystack.Received);
            foreach (var texts in sent)
            {
                var text = string.Join("\n", texts.Where(t => t is not null));
                Assert.DoesNotContain("sig=", text, StringComparison.Ordinal);
                Assert.DoesNotContain("recordings.example.invalid", text, StringComparison.Ordinal);
            }

            // Nor does the call's status, its output or its history: only the redirect reads the signed URL.
            foreach (var route in new[] { $"/api/calls/{DisputeCall}", $"/runtime/webhooks/durabletask/instances/{DisputeCall}?showHistory=true&showHistoryOutput=true&showInput=true" })
            {
                var shown = await app.Http.GetStringAsync(route);
                Assert.Contains("/recording", shown, StringComparison.Ordinal);
                Assert.DoesNotContain("sig=", shown, StringComparison.Ordinal);
                Assert.DoesNotContain("recordings.example.invalid", shown, StringComparison.Ordinal);
            }

            var note = paystack.Received.First(r => r.Note is not null).Note!;
            Assert.Contains($"/api/calls/{DisputeCall}/recording", note, StringComparison.Ordinal);
            Assert.Contains($"/api/calls/{DisputeCall}/transcript", note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetRecording_KnownCall_RedirectsToTheSignedUrl_UnknownCallIs404()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(new() { ["DialNexa:Recordings:AllowedHosts"] = "*.example.invalid" });
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);

            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Http.BaseAddress };
            var response = await noRedirect.GetAsync($"/api/calls/{DisputeCall}/recording");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(SignedRecording, response.Headers.Location?.AbsoluteUri);

            var unknown = await noRedirect.GetAsync("/api/calls/call_unknown/recording");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("recordings.dialnexa.example, *.blob.core.windows.net")]
    public async Task GetRecording_UrlOnAHostNotAllowed_IsRefusedNamingTheSetting(string? allowed)
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(allowed is null ? null : new() { ["DialNexa:Recordings:AllowedHosts"] = allowed });
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);

            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Http.BaseAddress };
            var response = await noRedirect.GetAsync($"/api/calls/{DisputeCall}/recording");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.Contains("DialNexa__Recordings__AllowedHosts", problem, StringComparison.Ordinal);
            Assert.Contains("recordings.example.invalid", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("sig=", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://acct.blob.core.windows.net/rec/call_1.wav?sig=x", true)]
    [InlineData("https://media.dialnexa.com/rec/1.wav", true)]
    [InlineData("http://acct.blob.core.windows.net/rec/call_1.wav", false)]
    [InlineData("https://blob.core.windows.net.evil.example/x", false)]
    [InlineData("https://evilblob.core.windows.net/x", false)]
    [InlineData("https://dialnexa.com.evil.example/x", false)]
    [InlineData("https://user:pw@media.dialnexa.com/x", false)]
    [InlineData("https://evil.example/approve", false)]
    public void Allows_DefaultHosts_OnlyHttpsOnDialNexaAndAzureBlobHosts(string url, bool allowed) =>
        Assert.Equal(allowed, new Functions.Handoff.RecordingOptions().Allows(new Uri(url)));
}
