using System.Net;
using System.Net.Http.Headers;
using DialNexa.Benchmarks.Stores;
using DialNexa.DurableTask.Sqlite;
using DialNexa.Functions.AppData;
using DialNexa.Functions.AppData.Sqlite;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Benchmarks.App;

/// <summary>
/// The real app for the app scenarios, as <c>dotnet run --project DialNexa.Functions</c> starts it: on a free loopback
/// port, the embedded stores in the run's folder (synchronous=FULL unless <c>--set storageProvider:synchronous</c> says
/// otherwise), every provider in dry run, warnings only in the log, an admin key and a webhook secret of its own; with
/// a client of its routes and the dispute fixture it posts, signed.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    public const string Sample = "samples/call_ended.completed.dispute.json";
    public const string WebhookSecret = "bench-webhook-secret";
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    private readonly WebApplication _app;

    private BenchApp(WebApplication app, HttpClient http, string template)
    {
        _app = app;
        Http = http;
        Template = template;
    }

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A client of the app's routes, sending the admin key (management API, call status, review queue).</summary>
    public HttpClient Http { get; }

    /// <summary>The app's services, for scenarios that time a part of it directly.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The dispute fixture's text, for <see cref="SignedCalls.Make"/>.</summary>
    public string Template { get; }

    /// <summary>The orchestration store's counters now (commits, writes, writer busy time).</summary>
    public SqliteProviderCounters OrchestrationStore => SqliteProviderCounters.Read(_app.Services.GetRequiredService<SqliteOrchestrationService>());

    /// <summary>The app data store's commits, writes and writer busy time now.</summary>
    public (long Commits, long Writes, TimeSpan Busy) AppDataStore =>
        _app.Services.GetRequiredService<IAppDataStore>() is SqliteAppDataStore store ? store.WriteCounts : (0, 0, TimeSpan.Zero);

    /// <summary>Builds and starts the app; <paramref name="settings"/> are the scenario's own (approvers, Slack), <paramref name="durableTask"/> the run's <c>--set</c> ones.</summary>
    public static async Task<BenchApp> StartAsync(string workDirectory, IEnumerable<string> settings, IEnumerable<KeyValuePair<string, string?>> durableTask, CancellationToken cancellationToken)
    {
        var fixture = Path.Combine(FunctionAppHost.ResolveContentRoot(), Sample);
        if (!File.Exists(fixture))
        {
            throw new FileNotFoundException($"The app scenarios post {Sample}; run them from the repository.", fixture);
        }

        var template = await File.ReadAllTextAsync(fixture, cancellationToken);
        var port = SignedCalls.FreePort();
        var app = FunctionAppHost.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--DialNexa:DataDirectory={Path.Combine(workDirectory, "app")}",
            $"--DialNexa:WebhookSecrets={WebhookSecret}",
            $"--DialNexa:AdminKey={AdminKey}",
            "--AzureWebJobsStorage=embedded",
            "--extensions:durableTask:storageProvider:synchronous=FULL",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. Enum.GetNames<ProviderName>().Select(p => $"--Providers:{p}:Mode=DryRun"),
            .. durableTask.Select(s => $"--{s.Key}={s.Value}"),
            .. settings,
        ]);
        await app.StartAsync(cancellationToken);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return new BenchApp(app, http, template);
    }

    /// <summary>Posts one signed webhook as DialNexa does; returns the milliseconds to the 202 (anything else throws).</summary>
    public async Task<double> PostWebhookAsync(SignedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var content = new ByteArrayContent(call.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dialnexa/webhook") { Content = content };
        request.Headers.Add("X-DialNexa-Signature", call.Signature);
        return await SendTimedAsync(request, HttpStatusCode.Accepted, cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/> and reads the whole answer; the milliseconds it took (any other status than <paramref name="expected"/> throws).</summary>
    public async Task<double> SendTimedAsync(HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = Stopwatch.GetTimestamp();
        using var response = await Http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return elapsed;
    }

    /// <summary>Waits for the call's handoff to end (at most <paramref name="limit"/>); its instance and its final status snapshot.</summary>
    public async Task<(OrchestrationMetadata Instance, CallStatusSnapshot? Status)> WaitForCallAsync(string callId, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var done = await Client.WaitForInstanceCompletionAsync(callId, getInputsAndOutputs: true, timeout.Token);
        return (done, done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? done.ReadOutputAs<CallStatusSnapshot>() : null);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
