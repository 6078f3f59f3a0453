using DialNexa.Benchmarks.Cli;

// dotnet run -c Release --project DialNexa.Benchmarks -- --scenario NAME [options]; --help lists them.
// Progress goes to stderr; the last stdout line is one JSON object with the run's figures.
return await BenchmarkCommand.RunAsync(args, Console.Out, Console.Error);
