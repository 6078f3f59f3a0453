using DialNexa.Functions.Hosting.Logging;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Telemetry;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// Builds the self-host: ASP.NET Core minimal APIs over the same handlers the Functions app's HTTP triggers call (port
/// 7071, routes under /api), and DurableTask.Core's worker running the same orchestrator and activity classes.
/// </summary>
internal static class FunctionAppHost
{
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ResolveContentRoot() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile("host.json", optional: true, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(LocalSettingsFile.ReadValues(Path.Combine(builder.Environment.ContentRootPath, LocalSettingsFile.FileName)));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        KeyVaultReferences.ResolveAtStart(builder.Configuration, new KeyVaultSecretResolver());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails();
        builder.AddDurableRuntime(FunctionRegistrations.Register);
        builder.Services.AddAppFeatures(builder.Configuration).AddAppSchedules();
        builder.Services.AddCallTracing(builder.Configuration);
        configure?.Invoke(builder);
        builder.Services.AddSafeLogging();
        var app = builder.Build();
        app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
        app.MapDurableManagement();
        app.MapAppFeatures();
        return app;
    }

    /// <summary>The repository root when run from a checkout (where host.json lives), else the working directory.</summary>
    public static string ResolveContentRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        for (var probe = directory; probe is not null; probe = probe.Parent)
        {
            if (File.Exists(Path.Combine(probe.FullName, "host.json")))
            {
                return probe.FullName;
            }
        }

        return directory.FullName;
    }
}
