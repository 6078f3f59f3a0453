using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

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

    /// <summary>
    /// Asks for a call's status (<c>GET /api/calls/{callId}</c>) until <paramref name="done"/> holds; fails naming what
    /// never happened and the last status seen.
    /// </summary>
    public static async Task<JsonElement> CallStatusAsync(HttpClient http, string callId, Func<JsonElement, bool> done, string what, int seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(http);
        JsonElement last = default;
        try
        {
            var found = await UntilAsync(
                async () =>
                {
                    using var response = await http.GetAsync($"/api/calls/{callId}");
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    last = await response.Content.ReadFromJsonAsync<JsonElement>();
                    return done(last) ? new StrongBox<JsonElement>(last) : null;
                },
                what,
                seconds);
            return found.Value;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Last status of call {callId}: {last}", ex);
        }
    }
}
