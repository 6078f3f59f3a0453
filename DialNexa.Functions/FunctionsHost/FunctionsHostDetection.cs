namespace DialNexa.Functions.FunctionsHost;

/// <summary>
/// Whether the Functions host started this process as its isolated worker: the host passes the address of its gRPC
/// endpoint (<c>--functions-uri</c>, or <c>Functions__Worker__HostEndpoint</c> in the environment). Started any other
/// way (<c>dotnet run</c>, a container, the tests) the same executable is the self-host.
/// </summary>
internal static class FunctionsHostDetection
{
    public static bool StartedByFunctionsHost(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Any(a => a.StartsWith("--functions-uri", StringComparison.Ordinal))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));
    }
}
