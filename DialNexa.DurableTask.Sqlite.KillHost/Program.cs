using System.Globalization;
using DialNexa.DurableTask.Sqlite.KillHost;

// The kill test's child: --db <file> --effects <folder> [--schedule N] [--until-done]. Exits 0 once every instance has
// ended (with --until-done); otherwise runs until it is killed.
var database = Option("--db") ?? throw new ArgumentException("--db <file> is required.");
var effects = Option("--effects") ?? throw new ArgumentException("--effects <folder> is required.");
var schedule = int.Parse(Option("--schedule") ?? "0", CultureInfo.InvariantCulture);
return await KillTestWorkload.HostAsync(database, effects, schedule, args.Contains("--until-done"));

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
