using DialNexa.Functions.Settings;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace DialNexa.Functions.Telemetry;

/// <summary>
/// One trace per call on the self-host: the webhook request, the orchestration and its activities (DurableTask.Core's
/// spans, parented to the request that started the call) and every provider request, scrubbed of secrets by
/// <see cref="SpanScrubber"/>. Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, to the console when
/// <c>DialNexa__Tracing__Console</c> is true, and nowhere otherwise. (The Functions worker exports to Azure Monitor.)
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>DurableTask.Core's own activity source.</summary>
    public const string DurableTaskSource = "DurableTask.Core";

    public static IServiceCollection AddCallTracing(this IServiceCollection services, IConfiguration configuration, Action<TracerProviderBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(DurableTaskSource)
                .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddHttpClientInstrumentation(o => o.RecordException = false)
                .AddProcessor(new SpanScrubber());
            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                tracing.AddOtlpExporter();
            }

            if (configuration.GetValue(SettingNames.TracingConsole, false))
            {
                tracing.AddConsoleExporter(o => o.Targets = ConsoleExporterOutputTargets.Console);
            }

            configure?.Invoke(tracing);
        });
        return services;
    }
}
