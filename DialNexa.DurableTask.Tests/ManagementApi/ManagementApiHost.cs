using DialNexa.DurableTask.SelfHost;
using DialNexa.DurableTask.SelfHost.ManagementApi;
using DialNexa.DurableTask.Tests.Conformance;
using DialNexa.DurableTask.Tests.Infrastructure;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.DurableTask.Tests.ManagementApi;

/// <summary>
/// A minimal app on Kestrel (127.0.0.1, a free port) mapping the management API over the in-memory provider and the
/// self-host's worker and client, plus one app route that answers with the check-status helper, as the webhook does.
/// </summary>
public sealed class ManagementApiHost : IAsyncLifetime
{
    public const string HubName = "ApiHub";

    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public DurableTaskClient Client => App.Services.GetRequiredService<DurableTaskClient>();

    public Uri BaseAddress { get; private set; } = null!;

    private WebApplication App => _app ?? throw new InvalidOperationException("The app has not been started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var service = new HistoryKeepingInMemoryService(new InMemoryOrchestrationService());
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<IOrchestrationServiceQueryClient>(service);
        builder.Services.AddSingleton<IOrchestrationServicePurgeClient>(service);
        builder.Services.AddDurableTaskSelfHost(ConformanceOrchestrations.Register, options => options.HubName = HubName);

        _app = builder.Build();
        _app.MapDurableTaskManagementApi();
        _app.MapPost("/api/start/{instanceId}", async (HttpRequest request, string instanceId, DurableTaskClient client) =>
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ConformanceOrchestrations.Echo), "from the app", new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
            return DurableTaskHttpManagement.CreateCheckStatusResponse(request, instanceId);
        });
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
