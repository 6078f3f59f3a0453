using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DialNexa.Benchmarks.Measuring;

/// <summary>
/// The app's own timing of one route's requests, from ASP.NET Core's <c>http.server.request.duration</c> (meter
/// <c>Microsoft.AspNetCore.Hosting</c>): from the request's start in the server to its answer, without the client's share
/// (the load generator runs in the app's process and shares its threads and GC). Records only while <see cref="Recording"/> is on.
/// </summary>
internal sealed class ServerRequestDurations : IDisposable
{
    private const string MeterName = "Microsoft.AspNetCore.Hosting";
    private const string InstrumentName = "http.server.request.duration";

    private readonly string _route;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _milliseconds = new();

    /// <param name="route">The route pattern whose requests are kept, as the metric's <c>http.route</c> tag names it.</param>
    public ServerRequestDurations(string route)
    {
        _route = route;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Whether measurements are kept now.</summary>
    public bool Recording { get; set; }

    /// <summary>The kept durations in milliseconds, and forgets them.</summary>
    public List<double> Take()
    {
        var taken = new List<double>(_milliseconds.Count);
        while (_milliseconds.TryDequeue(out var value))
        {
            taken.Add(value);
        }

        return taken;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!Recording)
        {
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "http.route" && tag.Value as string == _route)
            {
                _milliseconds.Enqueue(seconds * 1000);
                return;
            }
        }
    }
}
