using DialNexa.Benchmarks.Scenarios;

namespace DialNexa.Benchmarks.Cli;

/// <summary>Reads the command line into <see cref="BenchmarkOptions"/>, or says what is wrong with it.</summary>
internal static class BenchmarkArguments
{
    public const string Usage = """
        usage: dotnet run -c Release --project DialNexa.Benchmarks -- --scenario NAME [options]

        options:
          --scenario NAME     the scenario to run (below)
          --count N           its size (each scenario's default is below)
          --rate N            call-handoff: webhooks per second in the fixed-rate phase (default 200)
          --store NAME        embedded (default: the SQLite provider, synchronous=FULL) or azurite (hello-sequence-5:
                              DurableTask.AzureStorage on the Azurite at AzureWebJobsStorage if it is a loopback one,
                              else one this command starts from tools/node_modules)
          --tune              with --store azurite: the tuning study, one hub per setting changed from the defaults
                              (partitions, extended sessions, max polling interval, control-queue batch size), each
                              beside the defaults' run
          --set NAME=VALUE    a runtime setting under extensions:durableTask, as host.json names it, for example
                              --set storageProvider:partitionCount=8, --set extendedSessionsEnabled=true,
                              --set storageProvider:maxQueuePollingInterval=00:00:00.100,
                              --set storageProvider:controlQueueBatchSize=8, --set maxConcurrentOrchestratorFunctions=50,
                              --set storageProvider:synchronous=NORMAL (repeatable)
          --runs N            run N times, each in a fresh process; the last line gives each figure's median, min and max
          --work-dir PATH     keep the run's files in PATH (default: a temporary folder, deleted afterwards)
          --help              this text

        Progress goes to stderr; the last stdout line is one JSON object with the figures, the machine's beside them
        (processors, load averages at start and end, the raw store's rate measured in the same run, peak RSS).
        """;

    /// <summary>The options, or null with <paramref name="error"/> saying which argument is wrong.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? scenario = null;
        int? count = null;
        int? rate = null;
        int runs = 1;
        var store = BenchmarkOptions.Embedded;
        var tune = false;
        string? workDirectory = null;
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (name)
            {
                case "--tune":
                    tune = true;
                    continue;
                case "--scenario" or "--store" or "--work-dir" or "--set" when value is null:
                    error = $"{name} needs a value.";
                    return null;
                case "--scenario":
                    scenario = value;
                    break;
                case "--store" when value is BenchmarkOptions.Embedded or BenchmarkOptions.Azurite:
                    store = value;
                    break;
                case "--store":
                    error = $"--store is '{value}'; use embedded or azurite.";
                    return null;
                case "--work-dir":
                    workDirectory = Path.GetFullPath(value!);
                    break;
                case "--set" when value!.IndexOf('=', StringComparison.Ordinal) is > 0 and var at:
                    settings[value[..at].Trim()] = value[(at + 1)..].Trim();
                    break;
                case "--set":
                    error = $"--set is '{value}'; use NAME=VALUE, for example storageProvider:partitionCount=8.";
                    return null;
                case "--count" or "--rate" or "--runs":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                    {
                        error = $"{name} needs a whole number above 0 (it is '{value}').";
                        return null;
                    }

                    if (name == "--count")
                    {
                        count = number;
                    }
                    else if (name == "--rate")
                    {
                        rate = number;
                    }
                    else
                    {
                        runs = number;
                    }

                    break;
                default:
                    error = $"unknown option '{name}'.";
                    return null;
            }

            i++;
        }

        var known = BenchmarkScenarios.Find(scenario);
        if (known is null)
        {
            error = scenario is null
                ? "--scenario is required."
                : $"--scenario is '{scenario}'; use one of: {string.Join(", ", BenchmarkScenarios.All.Select(s => s.Name))}.";
            return null;
        }

        if (store == BenchmarkOptions.Azurite && !known.RunsOnAzurite)
        {
            error = $"{known.Name} runs on the embedded store only; --store azurite is for hello-sequence-5.";
            return null;
        }

        if (tune && store != BenchmarkOptions.Azurite)
        {
            error = "--tune is the Azure Storage tuning study: add --store azurite.";
            return null;
        }

        return new BenchmarkOptions
        {
            Scenario = known.Name,
            Count = count,
            Rate = rate,
            Store = store,
            Tune = tune,
            Runs = runs,
            WorkDirectory = workDirectory,
            Settings = settings,
        };
    }
}
