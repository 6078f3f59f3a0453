using System.Collections.Concurrent;
using DialNexa.Functions.Notifications.Slack;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>
/// A hand-written Slack channel for orchestration tests, in dry run: keeps every message that reached it, counts them
/// by call and kind, and answers a refusal when the test asks for one.
/// </summary>
internal sealed class RecordingSlackPoster : ISlackPoster
{
    /// <summary>How many messages of each call and kind reached it, keyed as <see cref="Key"/> makes them.</summary>
    public ConcurrentDictionary<string, int> Writes { get; } = new();

    public ConcurrentQueue<SlackMessage> Received { get; } = new();

    /// <summary>An outcome to answer instead of a dry run (a refusal, say), with its message; null records as usual.</summary>
    public Func<SlackMessage, (SlackPostOutcome Outcome, string Message)?> Refuse { get; set; } = _ => null;

    /// <summary>The key of a call's messages of one kind in <see cref="Writes"/>.</summary>
    public static string Key(string callId, SlackMessageKind kind) => $"{callId}:{kind}";

    public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Received.Enqueue(message);
        if (Refuse(message) is { } refusal)
        {
            return Task.FromResult(new SlackPostResult { Outcome = refusal.Outcome, Message = refusal.Message });
        }

        Writes.AddOrUpdate(Key(message.CallId, message.Kind), 1, (_, n) => n + 1);
        return Task.FromResult(new SlackPostResult
        {
            Outcome = SlackPostOutcome.DryRun,
            Request = new("POST", "https://hooks.slack.com/services/***", new Dictionary<string, string>(), message.Text),
            Message = "Dry run: rendered, not sent.",
        });
    }
}
