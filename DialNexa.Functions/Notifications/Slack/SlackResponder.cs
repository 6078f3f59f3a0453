using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace DialNexa.Functions.Notifications.Slack;

/// <summary>
/// Replies to Slack through an interaction's <c>response_url</c> after the request was acknowledged, so the
/// acknowledgement never waits on Slack: replacing the approval message with the decision, or telling a user
/// privately why their click did not count. A reply that fails is logged, never retried into a duplicate.
/// </summary>
internal sealed partial class SlackResponder(IHttpClientFactory httpClients, ILogger<SlackResponder> logger) : BackgroundService
{
    private readonly Channel<(Uri Url, JsonObject Body)> _queue = Channel.CreateBounded<(Uri, JsonObject)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(Uri responseUrl, JsonObject body) => _queue.Writer.TryWrite((responseUrl, body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = httpClients.CreateClient("slack-response");
        http.Timeout = TimeSpan.FromSeconds(10);
        try
        {
            await foreach (var (url, body) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    using var response = await http.PostAsJsonAsync(url, body, stoppingToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        ReplyRefused(logger, (int)response.StatusCode);
                    }
                }
                catch (HttpRequestException ex)
                {
                    ReplyFailed(logger, ex.GetType().Name);
                }
                catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    ReplyFailed(logger, "timeout");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; replies still queued are dropped (Slack's own message stays as it was).
        }
    }

    [LoggerMessage(2250, LogLevel.Warning, "Slack refused the reply to an interaction ({Status}).")]
    private static partial void ReplyRefused(ILogger logger, int status);

    [LoggerMessage(2251, LogLevel.Warning, "Slack reply to an interaction failed ({Reason}).")]
    private static partial void ReplyFailed(ILogger logger, string reason);
}
