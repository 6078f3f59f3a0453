using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using DialNexa.Functions.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

public sealed class WebhookIngressTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["DialNexa:WebhookSecrets"] = $"{WebhookSender.Secret},{WebhookSender.OldSecret}",
        ["DialNexa:MaxWebhookBodyBytes"] = "65536",
    };

    [Fact]
    public async Task Post_SignedCallEnded_Answers202WithStatusUrlsAndStartsTheCallsInstance()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("call_7f3a9c21d4", answer.GetProperty("id").GetString());
        Assert.EndsWith("/api/calls/call_7f3a9c21d4", answer.GetProperty("callStatusUri").GetString(), StringComparison.Ordinal);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var instance = await client.GetInstanceAsync("call_7f3a9c21d4");
        Assert.NotNull(instance);
        Assert.Equal("CallHandoffOrchestrator", instance.Name);
    }

    [Theory]
    [InlineData("X-DialNexa-Signature", true, WebhookSender.Secret)]
    [InlineData("x-nexa-signature", false, WebhookSender.Secret)]
    [InlineData("X-DialNexa-Signature", true, WebhookSender.OldSecret)]
    public async Task Post_EitherHeaderWithOrWithoutPrefixAndEitherSecret_IsAccepted(string header, bool prefix, string secret)
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("call_ended.hangup.json");
        var signature = WebhookSender.Sign(body, secret);
        var response = await WebhookSender.PostAsync(app.Http, body, prefix ? signature : signature["sha256=".Length..], header);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_MissingOrWrongSignature_Is401ProblemAndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        var missing = await WebhookSender.PostAsync(app.Http, body, null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-DialNexa-Signature", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("DialNexa__WebhookSecrets", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tampered = (byte[])body.Clone();
        tampered[^5] = (byte)'X';
        Assert.Equal(HttpStatusCode.Unauthorized, (await WebhookSender.PostAsync(app.Http, tampered, WebhookSender.Sign(body))).StatusCode);
        Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("call_7f3a9c21d4"));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400_OversizedBody_Is413_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var malformed = Encoding.UTF8.GetBytes("{\"event_type\": \"call_ended\", ");
        var bad = await WebhookSender.PostAsync(app.Http, malformed, WebhookSender.Sign(malformed));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var big = Encoding.UTF8.GetBytes("{\"event_type\":\"call_ended\",\"payload\":{\"call\":{\"id\":\"call_big\",\"summary\":\"" + new string('a', 70_000) + "\"}}}");
        var tooBig = await WebhookSender.PostAsync(app.Http, big, WebhookSender.Sign(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("65536", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("call_big"));
    }

    [Fact]
    public async Task Post_CallEventWithoutCallId_Is400NamingTheField()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = Encoding.UTF8.GetBytes("{\"event_type\":\"call_ended\",\"payload\":{\"call\":{\"status\":\"completed\"}}}");
        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("payload.call.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("call_\u2028forged")]
    [InlineData("call_\u202Eforged")]
    public async Task Post_CallIdThatNoUrlOrLogCouldShowAsItIs_Is400AndStartsNothing(string callId)
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { event_type = "call_ended", payload = new { call = new { id = callId, status = "hangup" } } }));
        var response = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("call ID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(callId));
    }

    [Fact]
    public async Task Post_VerificationRequest_Answers200EvenUnsigned()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("verification.json");
        Assert.Equal(HttpStatusCode.OK, (await WebhookSender.PostAsync(app.Http, body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
    }

    [Fact]
    public async Task Post_CallInitiatedOrUnknownEvent_Is202IgnoredAndStartsNothing()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var initiated = WebhookSender.Sample("call_initiated.json");
        var response = await WebhookSender.PostAsync(app.Http, initiated, WebhookSender.Sign(initiated));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var unknown = Encoding.UTF8.GetBytes("{\"event_type\":\"call_recording_ready\",\"payload\":{\"call\":{\"id\":\"call_u\"}}}");
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, unknown, WebhookSender.Sign(unknown))).StatusCode);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        Assert.Null(await client.GetInstanceAsync("call_0be1d77a02"));
        Assert.Null(await client.GetInstanceAsync("call_u"));
    }

    [Fact]
    public async Task Post_SameCallFourTimesConcurrently_GivesOneInstanceAndTheSameAnswer()
    {
        await using var app = await TestApp.StartAsync(Settings);
        var body = WebhookSender.Sample("call_ended.hangup.json");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(answers.Distinct());
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var done = await client.WaitForInstanceCompletionAsync("call_0be1d77a02", getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        var history = await client.GetOrchestrationHistoryAsync("call_0be1d77a02");
        Assert.Single(history, e => e.EventType == EventType.ExecutionStarted);
        Assert.DoesNotContain(history, e => e.EventType == EventType.EventRaised);
        Assert.NotNull(done);
    }
}
