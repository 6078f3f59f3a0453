using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.Sqlite;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Handoff.Activities;
using DialNexa.Functions.Json;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Support;
using DurableTask.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// The real provider action activity on the real runtime (DurableTask.Core over the SQLite provider in a temp folder,
/// the app data store's outbox), with the commit of its first result made to fail: the provider has answered, our
/// commit has not happened, so the runtime runs the activity again. The rerun finds the first effect: no second customer, invoice, contact or notification.
/// </summary>
public sealed class RerunAfterCrashTests
{
    [Theory]
    [InlineData(ProviderActionKind.PaystackCreateCustomer, "POST /paystack/customer")]
    [InlineData(ProviderActionKind.PaystackSendPaymentRequestNotification, "POST /paystack/paymentrequest")]
    [InlineData(ProviderActionKind.PlisioCreateInvoice, "GET /plisio/invoices/new")]
    [InlineData(ProviderActionKind.ProabonoCreateCustomer, "CREATED /proabono/v1/Customer")]
    [InlineData(ProviderActionKind.AltovizCreateContact, "POST /altoviz/v1/Contacts")]
    public async Task ProviderAction_CrashAfterProviderAnsweredBeforeCommit_RerunCreatesNothingNew(ProviderActionKind kind, string effect)
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePlatforms();
        if (kind == ProviderActionKind.PaystackSendPaymentRequestNotification)
        {
            fake.AddPaystackCustomer("dana@example.com");
        }

        api.Handler = fake.HandleAsync;
        var result = await RunWithFailedFirstCommitAsync(api, kind);
        Assert.True(fake.Runs(kind) >= 2, $"The activity should have run again after the failed commit; the fake saw {fake.Runs(kind)} run(s).");
        Assert.Equal(1, fake.Effects(effect));
        Assert.Equal(ProviderActionOutcome.AlreadyDone, result.Outcome);
    }

    [Fact]
    public async Task PaystackNotification_ExistingRequest_CrashAfterNotifyBeforeCommit_NotifiesOnce()
    {
        await using var api = await LoopbackApi.StartAsync();
        var fake = new FakePlatforms();
        fake.AddPaystackCustomer("dana@example.com");
        fake.PaymentRequests.Add(new JsonObject { ["id"] = 18823736, ["request_code"] = "PRQ_inv20931", ["description"] = "Invoice INV-20931", ["invoice_number"] = 20931 });
        api.Handler = fake.HandleAsync;
        var result = await RunWithFailedFirstCommitAsync(api, ProviderActionKind.PaystackSendPaymentRequestNotification);
        Assert.True(fake.Runs(ProviderActionKind.PaystackSendPaymentRequestNotification) >= 2);
        Assert.Equal(1, fake.Effects("POST /paystack/paymentrequest/notify/18823736"));
        Assert.Equal(0, fake.Effects("POST /paystack/paymentrequest"));
        Assert.Equal(ProviderActionOutcome.AlreadyDone, result.Outcome);
    }

    private static async Task<ProviderActionResult> RunWithFailedFirstCommitAsync(LoopbackApi api, ProviderActionKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-rerun-tests", Guid.NewGuid().ToString("N"));
        try
        {
            return await RunInAsync(directory, api, kind);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<ProviderActionResult> RunInAsync(string directory, LoopbackApi api, ProviderActionKind kind)
    {
        var failedOnce = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton(TimeProvider.System);
        var appData = new SqliteAppDataStore(new SqliteAppDataOptions(Path.Combine(directory, "appdata.sqlite")));
        await appData.InitializeAsync(CancellationToken.None);
        services.AddSingleton<IAppDataStore>(appData);
        services.AddSingleton<IActionOutbox, StoreActionOutbox>();
        ProviderOptions Live(ProviderName name, string path) =>
            ProviderTestKit.Settings(name, o => { o.Mode = ProviderMode.Live; o.BaseUrl = api.BaseUrl + path; o.MaxRetries = 0; }, secretKey: "sk_test_rerun", apiKey: "rerun-key", agentKey: "rerun-agent");
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<PaystackProvider>(ProviderName.Paystack, Live(ProviderName.Paystack, "/paystack"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<PlisioProvider>(ProviderName.Plisio, Live(ProviderName.Plisio, "/plisio"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<ProabonoProvider>(ProviderName.Proabono, Live(ProviderName.Proabono, "/proabono"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<IFinanceProvider>(sp => ProviderTestKit.Create<AltovizProvider>(ProviderName.Altoviz, Live(ProviderName.Altoviz, "/altoviz"), sp.GetRequiredService<IActionOutbox>()));
        services.AddSingleton<ProviderDirectory>();
        var sqlite = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DataDirectory = directory, TaskHubName = "Rerun" });
        services.AddSingleton<IOrchestrationServiceClient>(sqlite);
        services.AddSingleton<IOrchestrationService>(new FaultyOrchestrationService(sqlite)
        {
            // The provider has answered; the commit of that answer fails once, as if the host died right then.
            FailActivityCompletion = item => item.TaskMessage.Event is global::DurableTask.Core.History.TaskScheduledEvent { Name: nameof(ExecuteProviderActionActivity) }
                && failedOnce.TryAdd(item.TaskMessage.OrchestrationInstance.InstanceId, true),
        });
        services.AddSingleton<DataConverter>(new JsonDataConverter(AppJson.Options));
        services.AddDurableTaskSelfHost(r => r.AddOrchestrator<RunOneProviderAction>().AddActivity<ExecuteProviderActionActivity>());
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var request = ProviderTestKit.Request(kind, "call_rerun") with { PaymentMethodType = null };
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(RunOneProviderAction), new PlannedAction(ProviderActions.ProviderOf(kind), kind, request), new StartOrchestrationOptions("call_rerun"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.True(failedOnce.ContainsKey(id), "The injected commit failure did not happen.");
            return done.ReadOutputAs<ProviderActionResult>()!;
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            await appData.DisposeAsync();
        }
    }
}
