using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Support;
using DialNexa.TestSupport;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// Two deliveries of each new call posted at once, on DurableTask.AzureStorage (Azurite), whose start checks the
/// instance's status and then writes it, so two starts of one call ID can both return: each handoff still reads the
/// call's dispute at once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureConcurrentFirstDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DisputeAndTransferOfNewCalls_PostedAtOnce_OnAzureStorage_TheHandoffReadsTheDispute()
    {
        var (app, _, _) = await HandoffTestApp.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "R" + Guid.NewGuid().ToString("N")[..16],
        });
        await using (app)
        {
            await ConcurrentFirstDeliveryTests.PostDisputeAndTransferAtOnceAndCheckEachHandoffReadsTheDisputeAsync(app, "call_azrace", 8);
        }
    }
}
