using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DialNexa.Functions.Telemetry;

/// <summary>
/// The Functions worker's traces: the worker's own spans (joined to the host's by the Functions OpenTelemetry package),
/// DurableTask's and every provider request, scrubbed by <see cref="SpanScrubber"/>, exported to Application Insights
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the deployment sets it).
/// </summary>
internal static class FunctionsTelemetryExtensions
{
    public static IServiceCollection AddFunctionsCallTracing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry();
        telemetry.UseFunctionsWorkerDefaults();
        telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(TelemetryServiceCollectionExtensions.DurableTaskSource)
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    .AddProcessor(new SpanScrubber());
                if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
                }
            });
        return services;
    }
}
