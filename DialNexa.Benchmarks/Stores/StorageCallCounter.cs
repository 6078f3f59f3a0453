using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DialNexa.Benchmarks.Stores;

/// <summary>
/// Counts the HTTP requests this process sends to each storage service, from .NET's own <c>System.Net.Http</c> meter
/// (<c>http.client.request.duration</c>, one measurement per request, retries included): every request the Azure SDK
/// clients under DurableTask.AzureStorage send goes through it, so nothing in the provider is wrapped or changed.
/// </summary>
internal sealed class StorageCallCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<int, string> _services;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <param name="services">Each service's endpoint (blob, queue, table); requests are told apart by port.</param>
    public StorageCallCounter(IReadOnlyDictionary<string, Uri> services)
    {
        _services = services.ToDictionary(s => s.Value.Port, s => s.Key);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnRequest);
        _listener.Start();
    }

    /// <summary>Requests so far per service (blob, queue, table).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => _services.Values.ToDictionary(s => s, s => _counts.GetValueOrDefault(s), StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void OnRequest(Instrument instrument, double duration, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int port && _services.TryGetValue(port, out var service))
            {
                _counts.AddOrUpdate(service, 1, (_, n) => n + 1);
                return;
            }
        }
    }
}
