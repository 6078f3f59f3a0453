using System.Text.Json;
using DialNexa.Functions.Hosting;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.FunctionsHost;

/// <summary>
/// The two hosts serve the same app: the Worker SDK's functions.metadata (what the Functions host will run) is read
/// from the build output and compared with the self-host's routes and its durable registry, so a route, activity or
/// orchestrator added to one host and not the other fails here.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<List<FunctionEntry>> Functions = new(Read);

    [Fact]
    public void EveryHttpRouteOfTheSelfHost_IsAnHttpTriggerWithTheSameMethod_AndNoneMore()
    {
        var selfHost = SelfHostRoutes();
        var functions = Functions.Value.Where(f => f.Trigger == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{f.Route}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(selfHost, functions);
    }

    [Fact]
    public void HttpTriggers_AreAnonymousToTheHost_BecauseTheAppChecksItsOwnKeysAndSignatures()
    {
        Assert.All(Functions.Value.Where(f => f.Trigger == "httpTrigger"), f => Assert.Equal("Anonymous", f.AuthLevel));
    }

    [Fact]
    public void EveryOrchestratorAndActivityTheSelfHostRegisters_IsATriggerFunctionOfTheSameName()
    {
        var registry = new DurableTaskRegistry();
        FunctionRegistrations.Register(registry);

        Assert.Equal(
            registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal),
            Functions.Value.Where(f => f.Trigger == "orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            registry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal),
            Functions.Value.Where(f => f.Trigger == "activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSelfHostsSchedules_AreTimerTriggers()
    {
        Assert.Equal(["InboxSweep", "RetentionSweep"], Functions.Value.Where(f => f.Trigger == "timerTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheBuildOutput_HoldsHostJsonAndTheWorkerConfiguration()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;
        Assert.True(File.Exists(Path.Combine(output, "host.json")), "host.json is not beside the worker.");
        Assert.True(File.Exists(Path.Combine(output, "worker.config.json")), "worker.config.json is missing.");
    }

    private static List<string> SelfHostRoutes()
    {
        var app = FunctionAppHost.Build(["--urls=http://127.0.0.1:0", $"--DialNexa:DataDirectory={Path.Combine(Path.GetTempPath(), "dialnexa-metadata-tests", Guid.NewGuid().ToString("N"))}"]);
        var routes = new List<string>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (pattern.StartsWith("/runtime/webhooks/durabletask", StringComparison.Ordinal))
            {
                continue; // Served by the Functions host's own Durable extension.
            }

            if (pattern == "/")
            {
                continue; // The self-host's root leads to the console; under the Functions host the root is the host's own.
            }

            if (pattern == "/console" || pattern.StartsWith("/console/", StringComparison.Ordinal))
            {
                pattern = "/api" + pattern; // The console: /console on the self-host, /api/console under the host's route prefix.
            }

            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add($"{method} {pattern}");
            }
        }

        return [.. routes.Order(StringComparer.Ordinal)];
    }

    private static string MetadataPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var output = Path.Combine(directory.FullName, "DialNexa.Functions", "bin");
            if (Directory.Exists(output))
            {
                return Directory.EnumerateFiles(output, "functions.metadata", SearchOption.AllDirectories)
                    .OrderByDescending(File.GetLastWriteTimeUtc)
                    .FirstOrDefault() ?? throw new InvalidOperationException($"No functions.metadata under {output}: build DialNexa.Functions first.");
            }
        }

        throw new InvalidOperationException("DialNexa.Functions/bin was not found above the test output.");
    }

    private static List<FunctionEntry> Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return [.. document.RootElement.EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new FunctionEntry(
                f.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [],
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("authLevel", out var auth) ? auth.GetString() : null);
        })];
    }

    private sealed record FunctionEntry(string Name, string Trigger, IReadOnlyList<string> Methods, string? Route, string? AuthLevel);
}
