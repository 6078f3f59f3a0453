namespace DialNexa.DurableTask.Sqlite.Tests.Hosting;

/// <summary>HelloSequence5: an orchestration calling five activities in sequence (the benchmark's and the smoke test's).</summary>
internal static class HelloSequence
{
    public const string Orchestration = "HelloSequence5";
    public const string SayHello = "SayHello";

    public static HubRegistry AddHelloSequence(this HubRegistry registry) => registry
        .Orchestration<string, string>(Orchestration, async (context, name) =>
        {
            var result = "";
            foreach (var city in new[] { "Tokyo", "Seattle", "London", "Lagos", "Lima" })
            {
                result += await context.CallActivityAsync<string>(SayHello, city) + ";";
            }

            return result;
        })
        .Activity<string, string>(SayHello, (_, city) => Task.FromResult<string?>("Hello " + city));
}
