using DialNexa.Functions.Cli;
using DialNexa.Functions.Hosting;

if (CliCommands.TryFind(args, out var command))
{
    return await command.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var app = FunctionAppHost.Build(args);
await app.RunAsync();
return 0;
