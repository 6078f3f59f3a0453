using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using DialNexa.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Retention;

/// <summary>
/// The handoff on DurableTask.AzureStorage with its app data in Azure Tables and Blobs (Azurite, through the Azure SDKs):
/// a dispute approved, written and followed by a late delivery, then erased. Nothing of the call is left in the hub's
/// tables or the app data's table and container, and another call in the same hub keeps everything.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureCallErasureTests(AzuriteFixture azurite)
{
    private const string DisputeCall = HandoffTestApp.DisputeCall;

    [Fact]
    public async Task Erase_OnAzureStorage_RemovesTheCallFromTheHubAndTheAppData_AndKeepsOtherCalls()
    {
        var hub = "E" + Guid.NewGuid().ToString("N")[..16];
        var (app, paystack, _) = await HandoffTestApp.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
        });
        await using (app)
        {
            await HandoffTestApp.PostDisputeAndWaitForApprovalAsync(app.Http);
            await HandoffTestApp.DecideAsync(app.Http, DisputeCall, approved: true);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, DisputeCall);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            Assert.NotEmpty(paystack.Received);
            var late = HandoffTestApp.TransferCompleted(DisputeCall);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, late, WebhookSender.Sign(late))).StatusCode);
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var lateId = LateDeliveries.InstanceIdFor(DisputeCall, Inbox.CallInbox.HashOf(late));
            await Poll.UntilAsync(async () => (await client.GetInstanceAsync(lateId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the late delivery finishing");
            var other = CallErasureTests.Hangup("call_kept_beside");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, other, WebhookSender.Sign(other))).StatusCode);
            await HandoffTestApp.WaitForCompletionAsync(app.Http, "call_kept_beside");
            Assert.NotEmpty(await MentionsAsync(hub, DisputeCall));

            var erased = await app.Http.DeleteAsync($"/api/calls/{DisputeCall}");

            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            using var body = JsonDocument.Parse(await erased.Content.ReadAsStringAsync());
            Assert.Equal(2, body.RootElement.GetProperty("purgedInstances").GetInt32());
            Assert.Empty(await MentionsAsync(hub, DisputeCall));
            Assert.Null(await client.GetInstanceAsync(DisputeCall));
            Assert.Null(await client.GetInstanceAsync(lateId));
            Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"/api/calls/{DisputeCall}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/calls/call_kept_beside")).StatusCode);
            Assert.NotEmpty(await MentionsAsync(hub, "call_kept_beside"));
        }
    }

    /// <summary>Every entity (key or value) of the hub's and the app data's tables, and every blob name, that names <paramref name="callId"/>.</summary>
    private async Task<List<string>> MentionsAsync(string hub, string callId)
    {
        var found = new List<string>();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }


            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var texts = new[] { entity.PartitionKey, entity.RowKey }.Concat(((IDictionary<string, object>)entity).Values.OfType<string>());
                if (texts.Any(t => t.Contains(callId, StringComparison.Ordinal)))
                {
                    found.Add($"{table.Name}: {entity.PartitionKey} / {entity.RowKey}");
                }
            }
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                if (blob.Name.Contains(callId, StringComparison.Ordinal))
                {
                    found.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        return found;
    }
}
