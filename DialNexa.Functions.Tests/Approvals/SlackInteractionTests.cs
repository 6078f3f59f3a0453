using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Providers;
using Microsoft.AspNetCore.Http;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

public sealed class SlackInteractionTests
{
    [Fact]
    public void Sign_SlackDocumentationExample_MatchesPublishedSignature()
    {
        // The example from Slack's "Verifying requests from Slack" page.
        var body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"u8;
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignature.Sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body));
        var at = DateTimeOffset.FromUnixTimeSeconds(1531420618);
        Assert.Equal(SlackSignatureCheck.Valid, SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", body, at.AddSeconds(299), TimeSpan.FromMinutes(5)));
        Assert.Equal(SlackSignatureCheck.Stale, SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", body, at.AddSeconds(301), TimeSpan.FromMinutes(5)));
        Assert.Equal(SlackSignatureCheck.Mismatch, SlackSignature.Verify("another-secret", "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", body, at, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Interaction_ApproveByConfiguredApprover_AcksFastRaisesDecisionAndUpdatesMessage()
    {
        await using var slackApi = await LoopbackApi.StartAsync();
        slackApi.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (app, paystack, _, status) = await StartWaitingAsync(RepliesTo(slackApi));
        await using (app)
        {
            var body = Payload(RequestIdOf(status), AliceSlack, SlackApprovalMessages.ApproveActionId, slackApi.BaseUrl + "/actions/T0/1/abc");
            var clock = Stopwatch.StartNew();
            var ack = await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Slack was answered after {clock.ElapsedMilliseconds} ms; it allows 3 s.");

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var decision = done.GetProperty("approval").GetProperty("decision");
            Assert.Equal(Alice, decision.GetProperty("approver").GetString());
            Assert.Equal("slack", decision.GetProperty("channel").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);

            var update = JsonNode.Parse((await WaitForRequestAsync(slackApi)).Body)!;
            Assert.True(update["replace_original"]!.GetValue<bool>());
            var blocks = update["blocks"]!.AsArray();
            Assert.DoesNotContain(blocks, b => b?["block_id"]?.GetValue<string>() == SlackApprovalMessages.DecisionBlockId);
            Assert.Contains("Approved by Alice Finance", blocks[^1]!["elements"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("section", blocks[0]!["type"]!.GetValue<string>());

            // Slack may deliver the same click again; it is recognised, not counted twice.
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).StatusCode);
            await Task.Delay(300);
            var final = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
            Assert.Single(final.GetProperty("approval").GetProperty("decisions").EnumerateArray());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }

    [Theory]
    [InlineData("wrong-signature")]
    [InlineData("stale")]
    [InlineData("missing")]
    [InlineData("future")]
    public async Task Interaction_SignatureWrongOrStale_Refused401AndDecidesNothing(string problem)
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            var body = Payload(RequestIdOf(status), AliceSlack, SlackApprovalMessages.ApproveActionId, "http://127.0.0.1:9/unused");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var response = problem switch
            {
                "wrong-signature" => await PostAsync(app.Http, body, now, secret: "not-the-signing-secret"),
                "stale" => await PostAsync(app.Http, body, now - 301),
                // A minute past the 300 s allowed: the server reads its clock later than this test did, and a busy
                // machine (CI) took more than the one second a 301 s offset left, so the request fell inside the window.
                "future" => await PostAsync(app.Http, body, now + 360),
                _ => await app.Http.PostAsync("/api/slack/interactions", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } }),
            };
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            await AssertStillUndecidedAsync(app, paystack);
        }
    }

    [Fact]
    public async Task Interaction_SignedBodyAlteredAfterSigning_Refused401()
    {
        var (app, _, _, status) = await StartWaitingAsync();
        await using (app)
        {
            var signed = Payload(RequestIdOf(status), "U0MALLORY", SlackApprovalMessages.ApproveActionId, "http://127.0.0.1:9/unused");
            var altered = Payload(RequestIdOf(status), AliceSlack, SlackApprovalMessages.ApproveActionId, "http://127.0.0.1:9/unused");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/interactions") { Content = new ByteArrayContent(altered) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Add(SlackSignature.TimestampHeader, now.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(SigningSecret, now, signed));
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task Interaction_ByUserWhoIsNotAnApprover_DoesNotCountAndTellsThemPrivately()
    {
        await using var slackApi = await LoopbackApi.StartAsync();
        slackApi.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (app, paystack, _, status) = await StartWaitingAsync(RepliesTo(slackApi));
        await using (app)
        {
            var body = Payload(RequestIdOf(status), "U0MALLORY", SlackApprovalMessages.ApproveActionId, slackApi.BaseUrl + "/actions/T0/2/def");
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).StatusCode);
            var reply = JsonNode.Parse((await WaitForRequestAsync(slackApi)).Body)!;
            Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
            Assert.False(reply["replace_original"]!.GetValue<bool>());
            Assert.Contains("Only configured finance approvers", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);

            await AssertStillUndecidedAsync(app, paystack);
        }
    }

    [Fact]
    public async Task Interaction_RejectAfterLinkApproval_ShowsWhoDecidedFirst()
    {
        await using var slackApi = await LoopbackApi.StartAsync();
        slackApi.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (app, paystack, _, status) = await StartWaitingAsync(RepliesTo(slackApi));
        await using (app)
        {
            using var browser = Browser(app);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(browser, LinkOf(status, Alice), "approve")).StatusCode);
            var body = Payload(RequestIdOf(status), BobSlack, SlackApprovalMessages.RejectActionId, slackApi.BaseUrl + "/actions/T0/3/ghi");
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).StatusCode);
            var update = JsonNode.Parse((await WaitForRequestAsync(slackApi)).Body)!;
            Assert.Contains("Approved by Alice Finance", update["text"]!.GetValue<string>(), StringComparison.Ordinal);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.True(done.GetProperty("approval").GetProperty("decision").GetProperty("approved").GetBoolean());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }

    [Fact]
    public async Task Interaction_WithoutSigningSecretConfigured_Refused401NamingTheSetting()
    {
        var (app, _, _, status) = await StartWaitingAsync(new() { ["Providers:Slack:SigningSecret"] = "" });
        await using (app)
        {
            var body = Payload(RequestIdOf(status), AliceSlack, SlackApprovalMessages.ApproveActionId, "http://127.0.0.1:9/unused");
            var response = await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Providers__Slack__SigningSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Interaction_LinkButtonClickOrMalformedBody_AcknowledgedOrRefusedWithoutDeciding()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var linkClick = Payload(RequestIdOf(status), AliceSlack, "link_0", "http://127.0.0.1:9/unused");
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.Http, linkClick, now)).StatusCode);
            var malformed = Encoding.UTF8.GetBytes("payload=%7Bnot-json");
            var refused = await PostAsync(app.Http, malformed, now);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            await AssertStillUndecidedAsync(app, paystack, noDecisions: false);
        }
    }

    [Theory]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":{\"action_id\":\"approval_approve\"}}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[7,\"x\",null]}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":12}]}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"approval_approve\",\"value\":{\"a\":1}}],\"user\":{\"id\":\"U0ALICE\"}}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"approval_approve\",\"value\":\"x\"}],\"user\":{\"id\":42}}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"approval_approve\",\"value\":\"x\"}],\"user\":\"U0ALICE\",\"response_url\":[1]}")]
    [InlineData("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"approval_approve\",\"value\":\"x\"}],\"user\":{\"id\":\"U0ALICE\"},\"response_url\":true,\"message\":7}")]
    public async Task Interaction_FieldsOfTheWrongJsonType_AreAnsweredWithoutA500AndDecideNothing(string payload)
    {
        var (app, paystack, _, _) = await StartWaitingAsync();
        await using (app)
        {
            var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload));
            var response = await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"Answered {(int)response.StatusCode}.");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            await AssertStillUndecidedAsync(app, paystack);
        }
    }

    [Fact]
    public async Task Interaction_ResponseUrlOutsideSlack_IsNotFollowed()
    {
        await using var elsewhere = await LoopbackApi.StartAsync();
        elsewhere.Handler = (context, _) => context.Response.WriteAsync("ok");
        var (app, _, _, status) = await StartWaitingAsync();
        await using (app)
        {
            var body = Payload(RequestIdOf(status), AliceSlack, SlackApprovalMessages.ApproveActionId, elsewhere.BaseUrl + "/actions/T0/9/zzz");
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.Http, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).StatusCode);

            // The click itself counts (it was signed by Slack); only the reply to a foreign URL is not sent.
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("slack", done.GetProperty("approval").GetProperty("decision").GetProperty("channel").GetString());
            await Task.Delay(500);
            Assert.Empty(elsewhere.Requests);
        }
    }

    private static Dictionary<string, string> RepliesTo(LoopbackApi slackApi) => new() { ["Providers:Slack:ResponseUrlHosts"] = slackApi.BaseUrl };

    /// <summary>A block_actions payload as Slack sends it: form-encoded, one 'payload' field of JSON.</summary>
    private static byte[] Payload(string requestId, string userId, string actionId, string responseUrl)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "someone", ["team_id"] = "T0" },
            ["team"] = new JsonObject { ["id"] = "T0", ["domain"] = "example" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100" },
            ["response_url"] = responseUrl,
            ["message"] = new JsonObject
            {
                ["type"] = "message",
                ["text"] = "Approval needed for call " + CallId,
                ["blocks"] = new JsonArray
                {
                    new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "Approval needed for call " + CallId } },
                    SlackApprovalMessages.DecisionButtons(requestId),
                },
            },
            ["actions"] = new JsonArray
            {
                new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["block_id"] = SlackApprovalMessages.DecisionBlockId, ["value"] = requestId, ["action_ts"] = "1700000001.000200" },
            },
        };
        return Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload.ToJsonString()));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, long timestamp, string secret = SigningSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret, timestamp, body));
        return http.SendAsync(request);
    }

    private static async Task<RecordedRequest> WaitForRequestAsync(LoopbackApi api)
    {
        for (var i = 0; i < 100; i++)
        {
            if (api.Requests.TryPeek(out var request))
            {
                return request;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Nothing was posted to the interaction's response_url.");
    }
}
