using System.Net;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Handoff;

public sealed class LateDeliveryViewTests
{
    private const string HangupCall = "call_0be1d77a02";

    [Fact]
    public async Task LateDelivery_StatusAndTranscript_AreReadByItsOwnInstanceId_AndItsLinksPointThere()
    {
        var (app, _, slack) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var hangup = WebhookSender.Sample("call_ended.hangup.json");
            await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup));
            await HandoffTestApp.WaitForCompletionAsync(app.Http, HangupCall);
            var text = Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json")).Replace(HandoffTestApp.DisputeCall, HangupCall, StringComparison.Ordinal);
            var late = Encoding.UTF8.GetBytes(text);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late))).StatusCode);
            await Poll.UntilAsync(() => Task.FromResult(slack.Received.FirstOrDefault(r => r.Text.Contains("the call's handoff never read", StringComparison.Ordinal))), "the late delivery's review alert");
            var call = await HandoffTestApp.WaitForCompletionAsync(app.Http, HangupCall);
            var lateId = Assert.Single(call.GetProperty("lateDeliveries").EnumerateArray()).GetProperty("instanceId").GetString()!;
            Assert.StartsWith(HangupCall + ":late:", lateId, StringComparison.Ordinal);

            var statusJson = await Poll.UntilAsync(
                async () => await app.Http.GetAsync($"/api/calls/{lateId}") is { StatusCode: HttpStatusCode.OK } ok && await ok.Content.ReadAsStringAsync() is var body && body.Contains("\"runtimeStatus\":\"Completed\"", StringComparison.Ordinal) ? body : null,
                "the late delivery's own status, completed");
            var own = JsonDocument.Parse(statusJson).RootElement;
            Assert.Equal(lateId, own.GetProperty("instanceId").GetString());
            Assert.Equal(HangupCall, own.GetProperty("callId").GetString());
            Assert.Equal("InReview", own.GetProperty("stage").GetString());
            Assert.Equal("Dispute", own.GetProperty("workflow").GetString());
            var links = own.GetProperty("links");
            var ownRoot = "/api/calls/" + Uri.EscapeDataString(lateId);
            Assert.EndsWith(ownRoot, links.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
            Assert.EndsWith(ownRoot + "/transcript", links.GetProperty("transcriptUrl").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/api/calls/" + HangupCall, links.GetProperty("callStatusUrl").GetString(), StringComparison.Ordinal);
            var alert = Assert.Single(slack.Received, r => r.Text.Contains("the call's handoff never read", StringComparison.Ordinal));
            Assert.Contains(alert.Links, l => l.Url.EndsWith(ownRoot, StringComparison.Ordinal));
            Assert.Contains(alert.Links, l => l.Url.EndsWith(ownRoot + "/transcript", StringComparison.Ordinal));
            Assert.Contains(alert.Links, l => l.Url.EndsWith("/api/calls/" + HangupCall, StringComparison.Ordinal));

            var transcriptResponse = await app.Http.GetAsync(new Uri(links.GetProperty("transcriptUrl").GetString()!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, transcriptResponse.StatusCode);
            var transcriptJson = await transcriptResponse.Content.ReadAsStringAsync();
            var transcript = JsonDocument.Parse(transcriptJson).RootElement;
            Assert.Equal(lateId, transcript.GetProperty("instanceId").GetString());
            Assert.Equal(HangupCall, transcript.GetProperty("callId").GetString());
            Assert.NotEmpty(transcript.GetProperty("turns").EnumerateArray());
            Assert.False(transcriptJson.Contains("four two four two", StringComparison.Ordinal), "the late transcript must be the redacted one");
        }
    }
}
