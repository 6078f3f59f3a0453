using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using DialNexa.Durable;
using DialNexa.Functions.Hosting;

namespace DialNexa.Functions.Benchmarks;

/// <summary>
/// The real app for the app benchmarks: on a free loopback port, the embedded store in the run's scratch folder, every
/// provider in dry run, warnings only in the log; with an admin client and the dispute fixture they post, signed.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    public const string Sample = "samples/call_ended.completed.dispute.json";
    public const string WebhookSecret = "bench-webhook-secret";
    private const string AdminKey = "bench-admin-key";

    private readonly WebApplication _app;

    private BenchApp(WebApplication app, HttpClient http, string template)
    {
        _app = app;
        Http = http;
        Template = template;
    }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A client of the app's routes with the admin key (management API, call status).</summary>
    public HttpClient Http { get; }

    /// <summary>The fixture's text, for <see cref="SignedCalls.Make"/>.</summary>
    public string Template { get; }

    /// <summary>Builds and starts the app; <paramref name="settings"/> are the scenario's own (approvers, Slack, store tuning).</summary>
    public static async Task<BenchApp> StartAsync(string workDirectory, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var fixture = Path.Combine(FunctionAppHost.ResolveContentRoot(), Sample);
        if (!File.Exists(fixture))
        {
            throw new FileNotFoundException($"The app benchmarks post {Sample}; run them from the repository.", fixture);
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
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            .. Enum.GetNames<Providers.ProviderName>().Select(p => $"--Providers:{p}:Mode=DryRun"),
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

    /// <summary>Posts one signed webhook as DialNexa does; returns the time to the 202 (anything else is an error).</summary>
    public async Task<double> PostWebhookAsync((string Id, byte[] Body, string Signature) call, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(call.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dialnexa/webhook") { Content = content };
        request.Headers.Add("X-DialNexa-Signature", call.Signature);
        var start = Stopwatch.GetTimestamp();
        using var response = await Http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The webhook for {call.Id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
