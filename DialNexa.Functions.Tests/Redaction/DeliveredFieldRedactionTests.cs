using System.Net;
using System.Text.Json.Nodes;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Support;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Redaction;

/// <summary>
/// Finding 7 of issue 14: every text a delivery carries is redacted before it is kept (not only transcript, summary and
/// analysis values), and a call ID that is itself a card, bank or tax number is refused, since an ID cannot be redacted.
/// </summary>
public sealed class DeliveredFieldRedactionTests
{
    private static readonly string[] Seeds =
    [
        "4111 1111 1111 1111", "4111111111111111", "4012888888881881", "5555555555554444", "123-45-6789", "three eight one", "are 381", "cvv 737",
    ];

    [Fact]
    public async Task Handoff_CardAndTaxNumbersInEveryOtherField_AreRedactedEverywhereTheCallIsKeptOrShown()
    {
        var (app, _, _, logs) = await HostileCallApp.StartAsync(new() { ["Logging:LogLevel:Default"] = "Trace" });
        await using (app)
        {
            var body = HostileCallApp.Dispute("call_fields", c =>
            {
                c["hangup_reason"] = "caller read card 4111 1111 1111 1111 and cvv 737";
                c["agent_id"] = "agent 123-45-6789";
                c["status"] = "completed 4012888888881881";
                c["direction"] = "inbound 5555555555554444";
                var analysis = HostileCallApp.Analysis(c);
                analysis["card_4111111111111111"] = "yes";
                analysis["note"] = "the code on the back is three eight one";
                analysis["other_note"] = "the three digits on the back are 381";
                c["transcript"] = new JsonArray
                {
                    new JsonObject { ["role"] = "user", ["content"] = "I was charged twice for INV-20931. The code on the back is three eight one." },
                }.ToJsonString();
            });
            Assert.Equal(HttpStatusCode.Accepted, (await HostileCallApp.PostAsync(app, body)).StatusCode);
            await Handoff.HandoffTestApp.WaitForApprovalRequestAsync(app.Http, "call_fields");
            await Handoff.HandoffTestApp.DecideAsync(app.Http, "call_fields", approved: true);
            var status = await HostileCallApp.WaitForEndAsync(app, "call_fields");

            var shown = status.ToString()
                + await app.Http.GetStringAsync("/api/calls/call_fields/transcript")
                + await app.Http.GetStringAsync("/runtime/webhooks/durabletask/instances/call_fields?showHistory=true&showHistoryOutput=true&showInput=true");
            foreach (var seed in Seeds)
            {
                Assert.DoesNotContain(seed, shown, StringComparison.OrdinalIgnoreCase);
                Assert.Empty(StoredRows.Mentioning(app.DataDirectory, seed));
                Assert.DoesNotContain(logs.Lines, l => l.Contains(seed, StringComparison.OrdinalIgnoreCase));
            }

            Assert.Contains("[CVV]", shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("call_4111111111111111")]
    [InlineData("call-4111-1111-1111-1111")]
    [InlineData("call_123-45-6789")]
    public async Task Post_CallIdThatIsACardOrTaxNumber_Is400AndStoresNothing(string callId)
    {
        var (app, _, slack, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var response = await HostileCallApp.PostAsync(app, HostileCallApp.Dispute(callId));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.Contains("call ID", problem, StringComparison.Ordinal);
            Assert.DoesNotContain(callId, problem, StringComparison.Ordinal);
            Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(callId));
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, callId));
            Assert.Empty(slack.Received);
        }
    }

    [Theory]
    [InlineData("call_7f3a9c21d4")]
    [InlineData("call_0be1d77a02")]
    [InlineData("sess_9f8e7d6c")]
    [InlineData("call_abc123xyz")]
    [InlineData("call_20260305_1602")]
    [InlineData("call_par:child")]
    public void HoldsSensitiveNumber_CallIdsOfDialNexasShapes_AreNotRefused(string callId) =>
        Assert.False(Functions.Redaction.IdentifierRedaction.HoldsSensitiveNumber(callId, new Functions.Redaction.TranscriptRedactor()));
}
