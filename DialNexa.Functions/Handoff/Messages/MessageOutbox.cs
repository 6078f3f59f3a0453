using System.Globalization;
using DialNexa.Functions.Handoff.Activities;
using Microsoft.DurableTask;

namespace DialNexa.Functions.Handoff.Messages;

/// <summary>
/// An orchestration's outgoing messages, delivered through the durable runtime (orchestration code: deterministic,
/// rebuilt on replay). Messages of one channel go out in the order they were added: a message waits while an earlier
/// one of its channel is still being delivered. A message refused or failed for a passing reason is tried again on
/// <see cref="RetrySchedule"/> with durable timers, honouring the wait Slack asked for; one refused for good, or still
/// failing when its schedule runs out, is marked Failed (its last attempt logs an error) for the orchestration to
/// send the call to review. Every attempt is recorded in <see cref="Deliveries"/>, shown in the call's status.
/// </summary>
internal sealed class MessageOutbox(RetrySchedule schedule)
{
    /// <summary>Far above what any schedule reaches (30 s doubling to 30 min for a day is about 55 rounds).</summary>
    private const int MaxRounds = 500;

    private readonly List<(OutgoingMessage Message, MessageDelivery Record)> _entries = [];

    public IReadOnlyList<MessageDelivery> Deliveries => [.. _entries.Select(e => e.Record)];

    public IReadOnlyList<MessageDelivery> Failed => [.. _entries.Select(e => e.Record).Where(r => r.State == MessageDeliveryState.Failed)];

    public bool Settled => _entries.TrueForAll(e => !e.Record.IsPending);

    /// <summary>When the next attempt is due: the earliest among each channel's first pending message; null when none is pending.</summary>
    public DateTime? NextDue => Heads().Select(i => (DateTime?)(_entries[i].Record.NextAttemptAt ?? _entries[i].Record.QueuedAt).UtcDateTime).Min();

    /// <summary>Adds a message (once per key: a message added again is ignored), due now.</summary>
    public void Add(OutgoingMessage message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_entries.Exists(e => e.Message.Key == message.Key))
        {
            return;
        }

        var at = new DateTimeOffset(now, TimeSpan.Zero);
        _entries.Add((message, new MessageDelivery { Key = message.Key, Purpose = message.Purpose, Channel = message.Channel, State = MessageDeliveryState.Queued, QueuedAt = at, NextAttemptAt = at }));
    }

    /// <summary>
    /// Adds a message whose first attempt was made where it was composed (<paramref name="first"/>), at
    /// <paramref name="now"/>, recorded as <see cref="DeliverDueAsync"/> records an attempt; retried from there on the
    /// schedule. Only for a message that was the first of its channel to go out (nothing earlier pending).
    /// </summary>
    public void AddAttempted(OutgoingMessage message, MessageAttempt first, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(first);
        Add(message, now);
        var i = _entries.FindIndex(e => e.Message.Key == message.Key);
        var (added, record) = _entries[i];
        if (record.Attempts > 0)
        {
            return;
        }

        var wait = schedule.DelayAfter(1, added.CallId + "|" + added.Key);
        _entries[i] = (added, Recorded(record, first, 1, FirstAttemptIsLast(added.CallId, added.Key), wait, new DateTimeOffset(now, TimeSpan.Zero)));
    }

    /// <summary>Whether a message's first attempt is also its last (a schedule that gives up before its first wait).</summary>
    public bool FirstAttemptIsLast(string callId, string key) => schedule.DelayAfter(1, callId + "|" + key) > schedule.GiveUpAfter;

    /// <summary>Attempts every message that is due, channel by channel in order; a channel stops at a message that stays pending.</summary>
    public async Task DeliverDueAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var (message, record) = _entries[i];
                if (message.Channel != channel || !record.IsPending)
                {
                    continue;
                }

                if (record.NextAttemptAt is { } due && due.UtcDateTime > context.CurrentUtcDateTime)
                {
                    break;
                }

                var attempted = await AttemptAsync(context, message, record);
                _entries[i] = (message, attempted);
                if (attempted.IsPending)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Delivers until no message is pending, waiting on durable timers between attempts; reports each round. The
    /// schedule bounds the rounds (every message gives up after <see cref="RetrySchedule.GiveUpAfter"/>); a hard cap
    /// on rounds keeps the history bounded even so, and marks whatever is still pending past it as failed.
    /// </summary>
    public async Task DeliverAllAsync(TaskOrchestrationContext context, Action<IReadOnlyList<MessageDelivery>> progress)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(progress);
        for (var round = 0; round < MaxRounds; round++)
        {
            await DeliverDueAsync(context);
            progress(Deliveries);
            if (NextDue is not { } next)
            {
                return;
            }

            if (next > context.CurrentUtcDateTime)
            {
                await context.CreateTimer(next, CancellationToken.None);
            }
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Record.IsPending)
            {
                _entries[i] = (_entries[i].Message, _entries[i].Record with { State = MessageDeliveryState.Failed, NextAttemptAt = null, Problem = $"Given up after {MaxRounds} delivery rounds: {_entries[i].Record.Problem}" });
            }
        }

        progress(Deliveries);
    }

    private async Task<MessageDelivery> AttemptAsync(TaskOrchestrationContext context, OutgoingMessage message, MessageDelivery record)
    {
        var attempt = record.Attempts + 1;
        var wait = schedule.DelayAfter(attempt, message.CallId + "|" + message.Key);
        var last = context.CurrentUtcDateTime + wait > record.QueuedAt.UtcDateTime + schedule.GiveUpAfter;
        MessageAttempt result;
        try
        {
            result = await context.CallActivityAsync<MessageAttempt>(nameof(DeliverMessageActivity), new MessageAttemptInput(message, attempt, last));
        }
        catch (TaskFailedException ex)
        {
            // The attempt itself failed (the app's store, say): nothing says the message went out, so it is tried again.
            result = new MessageAttempt(MessageAttemptOutcome.RetryLater, Clip(ex.Message));
        }

        return Recorded(record, result, attempt, last, wait, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
    }

    /// <summary>The record after attempt <paramref name="attempt"/> ended with <paramref name="result"/> at <paramref name="now"/>.</summary>
    private static MessageDelivery Recorded(MessageDelivery record, MessageAttempt result, int attempt, bool last, TimeSpan wait, DateTimeOffset now)
    {
        var tried = record with { Attempts = attempt, LastAttemptAt = now, NextAttemptAt = null };
        switch (result.Outcome)
        {
            case MessageAttemptOutcome.Delivered or MessageAttemptOutcome.AlreadyDelivered:
                return tried with { State = MessageDeliveryState.Delivered, DeliveredAt = now, Delay = now - record.QueuedAt };
            case MessageAttemptOutcome.DryRun:
                return tried with { State = MessageDeliveryState.DryRun };
            case MessageAttemptOutcome.Refused:
                return tried with { State = MessageDeliveryState.Failed, Problem = result.Problem, SettingToFix = result.SettingToFix };
            default:
                if (last)
                {
                    return tried with
                    {
                        State = MessageDeliveryState.Failed,
                        Problem = string.Create(CultureInfo.InvariantCulture, $"Still not delivered after {attempt} attempts over {(now - record.QueuedAt).TotalMinutes:0.#} min: {result.Problem}"),
                        SettingToFix = result.SettingToFix,
                    };
                }

                var next = result.RetryAfter is { } asked && asked > wait ? asked : wait;
                return tried with { State = MessageDeliveryState.Retrying, NextAttemptAt = now + next, Problem = result.Problem };
        }
    }

    /// <summary>Each channel's first pending message (a list, not an iterator: iterators read the thread ID, which replayed code must not).</summary>
    private List<int> Heads()
    {
        var heads = new List<int>();
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            var head = _entries.FindIndex(e => e.Message.Channel == channel && e.Record.IsPending);
            if (head >= 0)
            {
                heads.Add(head);
            }
        }

        return heads;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..299] + "\u2026";
}
