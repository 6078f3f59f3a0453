using DialNexa.Functions.Cli;

return await AppCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
