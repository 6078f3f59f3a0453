using DialNexa.Functions.Cli;
using DialNexa.Functions.FunctionsHost;
using DialNexa.Functions.Hosting;

if (CliCommands.TryFind(args, out var command))
{
    return await command.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

if (FunctionsHostDetection.StartedByFunctionsHost(args))
{
    await FunctionsWorkerHost.Build(args).RunAsync();
    return 0;
}

var app = FunctionAppHost.Build(args);
await app.RunAsync();
return 0;
