using System.Net;
using System.Text;
using System.Text.Json;
using DialNexa.Durable;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Handoff;

public sealed class CallErasureTests
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task Erase_FinishedCallWithALateDelivery_RemovesItsInstancesAndEveryValueKeptForIt()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            var late = Encoding.UTF8.GetBytes("{\"event_type\":\"transfer_completed\",\"payload\":{\"call\":{\"id\":\"" + DisputeCall + "\",\"status\":\"completed\"},\"call_transfer\":{\"destination\":\"+14155550100\"}}}");
            await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late));
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            await WaitForLateDeliveryToFinishAsync(client);
            Assert.Contains(await client.ListPayloadKeysAsync(""), k => k.Contains(DisputeCall, StringComparison.Ordinal));

            var erased = await app.Http.DeleteAsync($"/api/calls/{DisputeCall}");
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            using var body = JsonDocument.Parse(await erased.Content.ReadAsStringAsync());
            Assert.Equal(2, body.RootElement.GetProperty("purgedInstances").GetInt32());
            Assert.True(body.RootElement.GetProperty("deletedValues").GetInt32() >= 4);

            Assert.DoesNotContain(await client.ListPayloadKeysAsync("", pageSize: 1000), k => k.Contains(DisputeCall, StringComparison.Ordinal));
            Assert.Empty((await client.GetAllInstancesAsync(new DialNexa.Durable.Storage.InstanceQuery { InstanceIdPrefix = DisputeCall })).Instances);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.DeleteAsync($"/api/calls/{DisputeCall}")).StatusCode);
        }
    }

    [Fact]
    public async Task Erase_RunningCall_IsRefusedNamingTheTerminateRoute_AndKeepsEverything()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            var refused = await app.Http.DeleteAsync($"/api/calls/{DisputeCall}");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains($"/instances/{DisputeCall}/terminate", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("AwaitingApproval", (await HandoffTestApp.WaitForStageAsync(app.Http, DisputeCall, "AwaitingApproval")).GetProperty("stage").GetString());
            Assert.Contains(await app.Services.GetRequiredService<DurableTaskClient>().ListPayloadKeysAsync("redacted:inbox:" + DisputeCall), k => k.StartsWith("redacted:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Retention_ErasesFinishedCallsPastKeepFor_ButNotOnesStillOpenInReview()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(
            new() { ["DialNexa:Retention:KeepFor"] = "00:00:01", ["DialNexa:Retention:SweepInterval"] = "00:00:00.200" },
            knownEmail: "someone.else@example.com");
        await using (app)
        {
            var hangup = WebhookSender.Sample("call_ended.hangup.json");
            await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup));
            await HandoffTestApp.PostDisputeAndWaitForCompletionAsync(app.Http);

            await WaitForStatusCodeAsync(app.Http, "/api/calls/call_0be1d77a02", HttpStatusCode.NotFound);
            await Task.Delay(600);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode);

            // Once a person has resolved it, it ages out like any other.
            Assert.Equal(HttpStatusCode.OK, (await app.Http.PostAsync($"/api/review/{DisputeCall}/resolve", new StringContent("{\"resolvedBy\":\"ana@finance.example\"}", Encoding.UTF8, "application/json"))).StatusCode);
            await WaitForStatusCodeAsync(app.Http, $"/api/calls/{DisputeCall}", HttpStatusCode.NotFound);
        }
    }

    private static async Task WaitForStatusCodeAsync(HttpClient http, string route, HttpStatusCode expected)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await http.GetAsync(route)).StatusCode == expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{route} never answered {expected}.");
    }

    private static async Task WaitForLateDeliveryToFinishAsync(DurableTaskClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            var (late, _) = await client.GetAllInstancesAsync(new DialNexa.Durable.Storage.InstanceQuery { InstanceIdPrefix = DisputeCall + ":late:" });
            if (late.Count == 1 && late[0].RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The late delivery did not finish.");
    }
}
