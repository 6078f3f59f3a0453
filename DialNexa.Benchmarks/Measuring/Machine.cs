namespace DialNexa.Benchmarks.Measuring;

/// <summary>What the machine and this process show, read from Linux's /proc where that is the only source.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or -1 each where there is none: on a shared machine they say how much else ran.</summary>
    public static (double One, double Five, double Fifteen) LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return (Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));
        }
        catch (IOException)
        {
            return (-1, -1, -1);
        }
        catch (UnauthorizedAccessException)
        {
            return (-1, -1, -1);
        }

        static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
    }

    public static double CurrentRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Megabytes(process.WorkingSet64);
    }

    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Megabytes(process.PeakWorkingSet64);
    }

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Bytes this process has caused to be written to storage so far (/proc/self/io), or 0 where that is not available.</summary>
    public static long WrittenBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);
}
