using DialNexa.Functions.Hosting;
using DialNexa.Functions.Settings;
using Microsoft.AspNetCore.Builder;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>The whole function app on a free loopback port with its embedded store in a temp folder.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "dialnexa-app-tests", Guid.NewGuid().ToString("N"));
        var args = new List<string> { "--urls=http://127.0.0.1:0", $"--DialNexa:DataDirectory={directory}", "--Logging:LogLevel:Default=Warning" };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = FunctionAppHost.Build([.. args], configure);
        await app.StartAsync();
        return new TestApp(app, directory);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
