using System.Diagnostics;

namespace DialNexa.DurableTask.Sqlite.Tests.Benchmarks;

/// <summary>Process figures the scenarios report.</summary>
internal static class BenchmarkProcess
{
    public static double CurrentRssMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.WorkingSet64 / 1024.0 / 1024.0, 1);
    }

    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
    }

    /// <summary>Bytes this process has caused to be written to storage so far (Linux /proc/self/io), or 0 elsewhere.</summary>
    public static long WrittenBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>The machine's 1-minute load average (Linux /proc/loadavg), or -1 elsewhere: on a shared machine it says how much else ran.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
