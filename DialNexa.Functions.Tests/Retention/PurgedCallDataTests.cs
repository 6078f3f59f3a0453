using System.Net;
using System.Text.Json;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using static DialNexa.Functions.Tests.Retention.CallErasureTests;

namespace DialNexa.Functions.Tests.Retention;

/// <summary>
/// Finding 8 of issue 14: a call purged through the management API leaves no app data behind, whether it was purged
/// one by one (the self-host's route erases it at once) or by a filter or on a host whose purge this app does not see
/// (a periodic pass erases the data of calls whose instance is gone).
/// </summary>
public sealed class PurgedCallDataTests
{
    [Fact]
    public async Task PurgeThroughTheManagementApi_FinishedCall_LeavesNoAppDataBehind()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync();
        await using (app)
        {
            var body = Hangup("call_purged_by_api");
            await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
            await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_purged_by_api");
            Assert.NotEmpty(StoredRows.Mentioning(app.DataDirectory, "call_purged_by_api"));

            var purge = await app.Http.DeleteAsync("/runtime/webhooks/durabletask/instances/call_purged_by_api");

            Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await purge.Content.ReadAsStringAsync()).RootElement.GetProperty("instancesDeleted").GetInt32());
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, "call_purged_by_api"));
        }
    }

    [Fact]
    public async Task PurgeByFilterThroughTheManagementApi_ThePeriodicPassErasesTheCallsAppData()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(new() { ["DialNexa:Retention:SweepInterval"] = "00:00:00.200" });
        await using (app)
        {
            var body = Hangup("call_purged_by_filter");
            await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
            await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_purged_by_filter");

            var from = Uri.EscapeDataString(DateTime.UtcNow.AddHours(-1).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            var purge = await app.Http.DeleteAsync($"/runtime/webhooks/durabletask/instances?createdTimeFrom={from}&runtimeStatus=Completed");
            Assert.Equal(HttpStatusCode.OK, purge.StatusCode);

            await Poll.UntilAsync(() => Task.FromResult(StoredRows.Mentioning(app.DataDirectory, "call_purged_by_filter").Count == 0), "the app data of the purged call being erased");
        }
    }
}
