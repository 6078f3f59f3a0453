using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// The Durable Functions management API as the app serves it, on the app's own calls (its routes, codes and paging are
/// covered in depth by DialNexa.DurableTask.Tests): the admin-key rule, and that it drives real handoffs.
/// </summary>
public sealed class ManagementApiTests
{
    private const string Base = "/runtime/webhooks/durabletask";
    private const string Approver = "finance.lead@example.com";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
        ["DialNexa:Approvals:Approvers:0:Email"] = Approver,
    };

    [Fact]
    public async Task Status_OfACallWaitingForFinance_Is202_ThenRaiseEventApproves_AndTheStatusIs200WithItsOutput()
    {
        await using var app = await TestApp.StartAsync(Settings);
        await PostDisputeAsync(app, "call_mgmt_1");
        await Handoff.HandoffTestApp.WaitForStageAsync(app.Http, "call_mgmt_1", "AwaitingApproval");

        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.GetAsync($"{Base}/instances/call_mgmt_1")).StatusCode);
        var raised = await app.Http.PostAsync(
            $"{Base}/instances/call_mgmt_1/raiseEvent/{CallHandoffOrchestrator.FinanceApprovalEventName}",
            JsonContent.Create(new FinanceApproval(true, Approver, "management API test", DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);

        var done = await PollUntilDoneAsync(app.Http, $"{Base}/instances/call_mgmt_1");
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Completed", done.GetProperty("output").GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"{Base}/instances/call_nobody")).StatusCode);
    }

    [Fact]
    public async Task Terminate_ThenPurge_RemovesAWaitingCall()
    {
        await using var app = await TestApp.StartAsync(Settings);
        await PostDisputeAsync(app, "call_mgmt_2");
        await Handoff.HandoffTestApp.WaitForStageAsync(app.Http, "call_mgmt_2", "AwaitingApproval");

        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"{Base}/instances/call_mgmt_2/terminate?reason=test", null)).StatusCode);
        var done = await PollUntilDoneAsync(app.Http, $"{Base}/instances/call_mgmt_2");
        Assert.Equal("Terminated", done.GetProperty("runtimeStatus").GetString());
        var purge = await app.Http.DeleteAsync($"{Base}/instances/call_mgmt_2");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"{Base}/instances/call_mgmt_2")).StatusCode);
    }

    [Fact]
    public async Task List_PagesTheAppsCallsWithTheContinuationHeader()
    {
        await using var app = await TestApp.StartAsync(Settings);
        for (var i = 0; i < 5; i++)
        {
            await PostDisputeAsync(app, $"call_list_{i}");
        }

        var ids = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances?top=2&instanceIdPrefix=call_list_");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(page.GetArrayLength() <= 2);
            ids.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.First() : null;
        }
        while (token is not null);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task AdminKey_WhenSet_IsRequiredAsHeaderOrCode()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string> { ["DialNexa:AdminKey"] = "s3cret-admin-key-000" });
        var without = await app.Http.GetAsync($"{Base}/instances/x");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.DoesNotContain("s3cret-admin-key-000", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.GetAsync($"{Base}/instances/x?code=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"{Base}/instances/x?code=s3cret-admin-key-000")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances/x");
        request.Headers.Add("x-functions-key", "s3cret-admin-key-000");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.SendAsync(request)).StatusCode);
    }

    internal static async Task<JsonElement> PollUntilDoneAsync(HttpClient http, string path, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} did not finish within {seconds} s.");
    }

    private static async Task PostDisputeAsync(TestApp app, string callId)
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json")).Replace(Handoff.HandoffTestApp.DisputeCall, callId, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
    }
}
