using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Live provider runs through the whole app: two dispute calls (a caller new to every platform, and a known one), each
/// routed to every action of every finance provider, approved, and written Live against Prism serving Paystack, Gusto,
/// Altoviz and Proabono (Plisio, which publishes no spec, against a loopback fake checked against its documented
/// parameters). Every request must be one the spec accepts, and every action's result must be complete in the call's
/// status: the request as sent (secrets masked), the outcome, the record, and the old and new values.
/// </summary>
[Collection(PrismCollection.Name)]
public sealed class PrismLiveRunTests(PrismFixture prism, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string NewCall = "call_prism_new";
    private const string KnownCall = "call_prism_known";
    private const string NewEmail = "new.customer@example.com";
    private const string KnownEmail = "dana.whitfield@example.com";

    private static readonly string[] Secrets = ["sk_test_prismrun0123456789", "gusto-prism-token", "altoviz-prism-key", "proabono-prism-agent", "proabono-prism-key", "plisio-prism-secret"];

    /// <summary>What each action must end as, for the new caller and for the known one.</summary>
    private static readonly Dictionary<ProviderActionKind, (string New, string Known)> Expected = new()
    {
        [ProviderActionKind.PaystackCreateCustomer] = ("Written", "AlreadyDone"),
        [ProviderActionKind.PaystackSendPaymentRequestNotification] = ("NotFound", "Written"),
        [ProviderActionKind.PlisioCreateInvoice] = ("Written", "Written"),
        [ProviderActionKind.PlisioFindInvoiceByEmail] = ("NotFound", "Found"),
        [ProviderActionKind.ProabonoCreateCustomer] = ("Written", "AlreadyDone"),
        [ProviderActionKind.ProabonoUpdatePaymentSettings] = ("Written", "Written"),
        [ProviderActionKind.AltovizFindContactByEmail] = ("NotFound", "Found"),
        [ProviderActionKind.AltovizCreateContact] = ("Written", "AlreadyDone"),
        [ProviderActionKind.GustoUpdateContractorPaymentMethod] = ("Written", "Written"),

        // Bank numbers never leave redaction: the existing accounts are read (the old value) and nothing is written.
        [ProviderActionKind.GustoCreateCompanyBankAccount] = ("Invalid", "Invalid"),
    };

    [Fact]
    public async Task EveryActionOfEveryProvider_LiveAgainstPrism_SendsOnlyWhatTheSpecsAccept_AndRecordsCompleteResultsInTheStatus()
    {
        Assert.Equal(Enum.GetValues<ProviderActionKind>().Order(), Expected.Keys.Order());
        var probes = new Dictionary<string, PrismProbe>
        {
            ["provider-Paystack"] = new() { Prefer = r => Get(r, "/customer/" + Uri.EscapeDataString(NewEmail)) ? "code=404" : null },
            ["provider-Gusto"] = new()
            {
                // Prism answers examples, not state: the contractors are the callers, and a payment method PUT answers
                // the method it set (Prism's example is the same as its GET's), as Gusto does.
                ReplaceBody = r => Get(r, "/v1/companies/co-1/contractors")
                    ? new JsonArray(Contractor("ctr-new", NewEmail), Contractor("ctr-known", KnownEmail)).ToJsonString()
                    : r.Method == HttpMethod.Put ? new JsonObject { ["version"] = "d5c2f1e0a9b84c7e8f6a5b4c3d2e1f00", ["type"] = "Check", ["split_by"] = null, ["splits"] = new JsonArray() }.ToJsonString() : null,
            },
            ["provider-Altoviz"] = new() { ReplaceBody = r => Get(r, "/v1/Contacts/Find") && r.RequestUri!.Query.Contains(Uri.EscapeDataString(NewEmail), StringComparison.Ordinal) ? "[]" : null },
            ["provider-Proabono"] = new() { Prefer = r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath == "/v1/Customer" && Body(r).Contains(NewEmail, StringComparison.Ordinal) ? "code=201" : null },
        };
        await using var plisio = await LoopbackApi.StartAsync();
        plisio.Handler = new FakePlisio(KnownEmail).HandleAsync;
        var settings = Settings(plisio.BaseUrl + "/api/v1");
        await using var app = await TestApp.StartAsync(settings, configure: builder =>
        {
            builder.Services.AddSingleton<ICallRedactor, FakeCallRedactor>();
            builder.Services.AddSingleton<IFactExtractor, FakeFactExtractor>();
            builder.Services.AddSingleton<IHttpClientFactory>(new ProbeRoutingFactory(probes));
        });

        foreach (var (callId, email) in new[] { (NewCall, NewEmail), (KnownCall, KnownEmail) })
        {
            var body = Dispute(callId, email);
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
        }

        foreach (var callId in new[] { NewCall, KnownCall })
        {
            await HandoffTestApp.WaitForStageAsync(app.Http, callId, "AwaitingApproval", seconds: 60);
            Assert.Equal(HttpStatusCode.Accepted, (await HandoffTestApp.DecideAsync(app.Http, callId, approved: true)).StatusCode);
        }

        var report = new StringBuilder();
        foreach (var (callId, known) in new[] { (NewCall, false), (KnownCall, true) })
        {
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, callId, seconds: 90);
            var text = done.GetRawText();
            Assert.All(Secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            var actions = done.GetProperty("actions").EnumerateArray().ToList();
            Assert.Equal(Expected.Count, actions.Count);
            foreach (var action in actions)
            {
                var kind = Enum.Parse<ProviderActionKind>(action.GetProperty("kind").GetString()!);
                var outcome = action.GetProperty("outcome").GetString();
                report.AppendLine($"{callId} {kind}: {outcome}: {Text(action, "message")} | {action.GetProperty("request").GetProperty("method").GetString()} {new Uri(action.GetProperty("request").GetProperty("url").GetString()!).AbsolutePath} | old {Clip(Text(action, "oldValue"))} | new {Clip(Text(action, "newValue"))}");
                Assert.True(outcome == (known ? Expected[kind].Known : Expected[kind].New), $"{callId} {kind} ended {outcome}: {Text(action, "message")}\n{string.Join("\n", probes.Values.SelectMany(p => p.Exchanges))}");
                Assert.Equal("Live", action.GetProperty("mode").GetString());
                AssertComplete(kind, outcome!, action);
            }
        }

        output.WriteLine(report.ToString());
        output.WriteLine($"{probes.Values.Sum(p => p.Exchanges.Count)} exchanges with Prism, {plisio.Requests.Count} with the Plisio fake.");
        var violations = probes.Values.SelectMany(p => p.Violating).ToList();
        Assert.True(violations.Count == 0, $"Prism reports spec violations:\n{string.Join("\n", violations)}\n{report}");
        foreach (var (client, probe) in probes)
        {
            Assert.True(probe.Exchanges.Any(e => e.Method != "GET"), $"{client} was never written to:\n{report}");
            Assert.All(probe.Exchanges, e => Assert.True(e.Status < 500, $"{client}: {e}"));
        }

        var plisioProblems = plisio.Requests.SelectMany(r => PlisioDocumentation.Check(r.Method, r.PathAndQuery)).ToList();
        Assert.True(plisioProblems.Count == 0, string.Join("\n", plisioProblems));
    }

    /// <summary>The result holds what a finance user needs to check the write: the request, the record, the values before and after.</summary>
    private static void AssertComplete(ProviderActionKind kind, string outcome, JsonElement action)
    {
        var request = action.GetProperty("request");
        Assert.True(request.ValueKind == JsonValueKind.Object, $"{kind}: no request recorded");
        Assert.StartsWith("http", request.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Text(action, "message")), $"{kind}: no message");
        var updates = kind is ProviderActionKind.GustoUpdateContractorPaymentMethod or ProviderActionKind.ProabonoUpdatePaymentSettings;
        switch (outcome)
        {
            case "Written" or "AlreadyDone" or "Found":
                Assert.False(string.IsNullOrEmpty(Text(action, "recordId")), $"{kind} {outcome}: no record ID");
                Assert.True(JsonNode.Parse(Text(action, "newValue")!) is JsonObject, $"{kind} {outcome}: no new value");
                if (updates || kind == ProviderActionKind.PaystackSendPaymentRequestNotification && outcome == "Written" && Text(action, "oldValue") is not null)
                {
                    Assert.True(JsonNode.Parse(Text(action, "oldValue")!) is JsonObject, $"{kind} {outcome}: no old value");
                }

                if (updates && outcome == "Written")
                {
                    Assert.NotEqual(Text(action, "oldValue"), Text(action, "newValue"));
                }

                break;
            case "Invalid":
                Assert.NotNull(JsonNode.Parse(Text(action, "oldValue")!));
                break;
            default:
                Assert.Null(Text(action, "newValue"));
                break;
        }
    }

    private Dictionary<string, string> Settings(string plisio)
    {
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",

            // The new caller is in no platform yet, so nothing can match them; writes follow finance's approval.
            ["DialNexa:Handoff:MinimumMatchConfidence"] = "0",
            ["DialNexa:Handoff:WriteRetry:FirstDelay"] = "00:00:01",
            ["DialNexa:Handoff:WriteRetry:MaxDelay"] = "00:00:01",
            ["DialNexa:Handoff:WriteRetry:GiveUpAfter"] = "00:00:05",
        };
        var index = 0;
        foreach (var kind in Expected.Keys)
        {
            settings[$"DialNexa:Handoff:Routes:Dispute:{index++}"] = kind.ToString();
        }

        void Live(string name, string url, params (string Key, string Value)[] values)
        {
            settings[$"Providers:{name}:Mode"] = "Live";
            settings[$"Providers:{name}:BaseUrl"] = url.TrimEnd('/');
            settings[$"Providers:{name}:MaxRetries"] = "0";
            foreach (var (key, value) in values)
            {
                settings[$"Providers:{name}:{key}"] = value;
            }
        }

        Live("Paystack", prism.Paystack.ToString(), ("SecretKey", Secrets[0]));
        Live("Gusto", prism.Gusto.ToString(), ("AccessToken", Secrets[1]), ("CompanyId", "co-1"));
        Live("Altoviz", prism.Altoviz.ToString(), ("ApiKey", Secrets[2]));
        Live("Proabono", prism.Proabono.ToString(), ("AgentKey", Secrets[3]), ("ApiKey", Secrets[4]));
        Live("Plisio", plisio, ("ApiKey", Secrets[5]));
        return settings;
    }

    private static JsonObject Contractor(string uuid, string email) => new() { ["uuid"] = uuid, ["first_name"] = "Dana", ["last_name"] = "Whitfield", ["email"] = email, ["type"] = "Individual", ["version"] = "b48c46abfed1487b873b442334b3c4ff" };

    private static bool Get(HttpRequestMessage request, string path) => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == path;

    private static string Body(HttpRequestMessage request) => request.Content is null ? "" : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    private static string Clip(string? json) => json is null ? "-" : json.Length <= 80 ? json : json[..79] + "\u2026";

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Dispute(string callId, string email) => Encoding.UTF8.GetBytes(
        Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"))
            .Replace(HandoffTestApp.DisputeCall, callId, StringComparison.Ordinal)
            .Replace(KnownEmail, email, StringComparison.Ordinal));

    /// <summary>Hands each provider client an HttpClient through its Prism probe; everything else gets a plain client.</summary>
    private sealed class ProbeRoutingFactory(Dictionary<string, PrismProbe> probes) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => probes.TryGetValue(name, out var probe) ? new HttpClient(probe, disposeHandler: false) : new HttpClient();
    }

    /// <summary>
    /// Plisio on loopback, answering as its documentation describes: invoices created by order number, and the
    /// operations search by order number or customer email; one invoice exists for <paramref name="knownEmail"/>.
    /// </summary>
    private sealed class FakePlisio(string knownEmail)
    {
        private readonly ConcurrentDictionary<string, JsonObject> _invoices = new(StringComparer.Ordinal)
        {
            ["inv-existing"] = new JsonObject { ["id"] = "op-existing", ["type"] = "invoice", ["status"] = "new", ["tx_url"] = "https://plisio.net/invoice/op-existing", ["params"] = new JsonObject { ["order_number"] = "inv-existing", ["email"] = knownEmail } },
        };

        public async Task HandleAsync(HttpContext context, string body)
        {
            var query = context.Request.Query;
            if (context.Request.Path == "/api/v1/operations")
            {
                var search = query["search"].ToString();
                var found = _invoices.Values.Where(i => i["params"]!["order_number"]!.GetValue<string>() == search || (i["params"]!["email"]?.GetValue<string>() == search && i["id"]!.GetValue<string>() == "op-existing"));
                await context.Response.WriteAsync(new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["operations"] = new JsonArray([.. found.Select(f => f.DeepClone())]) } }.ToJsonString());
                return;
            }

            var order = query["order_number"].ToString();
            var id = "op-" + order;
            _invoices[order] = new JsonObject { ["id"] = id, ["type"] = "invoice", ["status"] = "new", ["params"] = new JsonObject { ["order_number"] = order, ["email"] = query["email"].ToString() } };
            await context.Response.WriteAsync(new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["txn_id"] = id, ["invoice_url"] = "https://plisio.net/invoice/" + id } }.ToJsonString());
        }
    }
}
