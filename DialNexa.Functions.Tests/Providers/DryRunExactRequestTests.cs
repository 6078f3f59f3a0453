using System.Text.Json;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// Dry run shows the exact request: for writes whose request depends on nothing a lookup returns, the request dry run
/// renders is the one Live mode then sends (method, URL, headers, body), secrets masked in both.
/// </summary>
public sealed class DryRunExactRequestTests
{
    private const string Secret = "sk_live_dryrun_secret";

    [Theory]
    [InlineData(ProviderActionKind.PaystackCreateCustomer)]
    [InlineData(ProviderActionKind.PaystackSendPaymentRequestNotification)]
    [InlineData(ProviderActionKind.PlisioCreateInvoice)]
    [InlineData(ProviderActionKind.ProabonoCreateCustomer)]
    [InlineData(ProviderActionKind.AltovizCreateContact)]
    public async Task DryRun_Write_RendersExactlyTheRequestLiveSends_SecretsMasked(ProviderActionKind kind)
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePlatforms();
        if (kind == ProviderActionKind.PaystackSendPaymentRequestNotification)
        {
            fake.AddPaystackCustomer("dana@example.com");
        }

        api.Handler = fake.HandleAsync;

        // The matched customer's code is known at planning time, so the payment request needs no placeholder.
        var request = ProviderTestKit.Request(kind) with { ProviderCustomerId = kind == ProviderActionKind.PaystackSendPaymentRequestNotification ? "CUS_dana" : null, DueDate = new DateOnly(2026, 12, 15) };
        var dryRun = await Client(kind, api, ProviderMode.DryRun).ExecuteAsync(request, CancellationToken.None);
        Assert.Empty(api.Requests);
        var live = await Client(kind, api, ProviderMode.Live).ExecuteAsync(request, CancellationToken.None);
        Assert.Equal(ProviderActionOutcome.DryRun, dryRun.Outcome);
        Assert.Equal(ProviderActionOutcome.Written, live.Outcome);
        Assert.Equal(JsonSerializer.Serialize(live.Request), JsonSerializer.Serialize(dryRun.Request));
        foreach (var secret in new[] { Secret, "dryrun-api-key", "dryrun-agent" })
        {
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(dryRun), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(live), StringComparison.Ordinal);
        }

        // What was really sent carried the real secret where the render shows ***.
        Assert.Contains(api.Requests, r => r.Authorization.Contains(Secret, StringComparison.Ordinal) || r.PathAndQuery.Contains("dryrun-api-key", StringComparison.Ordinal) || r.Headers.Values.Any(v => v.Contains("dryrun-api-key", StringComparison.Ordinal) || v.StartsWith("Basic ", StringComparison.Ordinal)));
    }

    private static FinanceProvider Client(ProviderActionKind kind, LoopbackApi api, ProviderMode mode)
    {
        ProviderOptions Options(ProviderName name, string path) =>
            ProviderTestKit.Settings(name, o => { o.Mode = mode; o.BaseUrl = api.BaseUrl + path; o.MaxRetries = 0; }, secretKey: Secret, apiKey: "dryrun-api-key", agentKey: "dryrun-agent");
        return ProviderActions.ProviderOf(kind) switch
        {
            ProviderName.Paystack => ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, Options(ProviderName.Paystack, "/paystack")),
            ProviderName.Plisio => ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, Options(ProviderName.Plisio, "/plisio")),
            ProviderName.Proabono => ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, Options(ProviderName.Proabono, "/proabono")),
            _ => ProviderTestKit.Create<AltovizProvider>(ProviderName.Altoviz, Options(ProviderName.Altoviz, "/altoviz")),
        };
    }
}
