namespace DialNexa.Functions.Tests.Hosting;

/// <summary>Waits for something the app does in the background: asks every 100 ms, and fails naming what never happened.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Within {seconds} s: {what} never happened.");
            }

            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string what, int seconds = 30) =>
        UntilAsync(async () => await probe() ? "done" : null, what, seconds);
}
