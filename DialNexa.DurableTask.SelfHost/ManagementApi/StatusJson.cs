using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using DialNexa.DurableTask.SelfHost.Client;
using Microsoft.DurableTask.Client;

namespace DialNexa.DurableTask.SelfHost.ManagementApi;

/// <summary>
/// The status JSON of Durable Functions' management API (<c>name</c>, <c>instanceId</c>, <c>runtimeStatus</c>,
/// <c>input</c>, <c>customStatus</c>, <c>output</c>, <c>createdTime</c>, <c>lastUpdatedTime</c>, <c>historyEvents</c>),
/// and its history events in the extension's shape. A failure shows its type and message only: no stack trace, no
/// file path, reaches a caller.
/// </summary>
internal static class StatusJson
{
    public static JsonObject Status(OrchestrationMetadata metadata, bool showInput, JsonArray? history)
    {
        var status = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = showInput ? Parse(metadata.SerializedInput) : null,
            ["customStatus"] = Parse(metadata.SerializedCustomStatus),
            ["output"] = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? FailureText(metadata.FailureDetails, metadata.SerializedOutput) : Parse(metadata.SerializedOutput),
            ["createdTime"] = Timestamp(metadata.CreatedAt),
            ["lastUpdatedTime"] = Timestamp(metadata.LastUpdatedAt),
        };
        if (history is not null)
        {
            status["historyEvents"] = history;
        }

        return status;
    }

    /// <summary>
    /// The history as Durable Functions shows it: orchestrator episode markers dropped, each completion merged with its
    /// scheduling event (<c>FunctionName</c>, <c>ScheduledTime</c>, <c>Input</c>), results only with
    /// <paramref name="showHistoryOutput"/>, inputs only with <paramref name="showInput"/>.
    /// </summary>
    public static JsonArray History(IList<HistoryEvent> events, bool showHistoryOutput, bool showInput)
    {
        var scheduled = new Dictionary<(EventType Kind, int Id), HistoryEvent>();
        var consumed = new HashSet<HistoryEvent>();
        foreach (var e in events)
        {
            if (e is TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent)
            {
                scheduled[(e.EventType, e.EventId)] = e;
            }
        }

        var rows = new List<(HistoryEvent Source, JsonObject Row)>();
        foreach (var e in events)
        {
            JsonObject? row = e switch
            {
                OrchestratorStartedEvent or OrchestratorCompletedEvent => null,
                ExecutionStartedEvent started => Row(started, new JsonObject
                {
                    ["FunctionName"] = started.Name,
                    ["Input"] = showInput ? started.Input : null,
                    ["ScheduledStartTime"] = started.ScheduledStartTime is { } at ? Timestamp(at) : null,
                }),
                TaskCompletedEvent completed => Merge(completed, completed.TaskScheduledId, EventType.TaskScheduled, scheduled, consumed, showInput, new JsonObject
                {
                    ["Result"] = showHistoryOutput ? Parse(completed.Result) : null,
                }, includeResult: showHistoryOutput),
                TaskFailedEvent failed => Merge(failed, failed.TaskScheduledId, EventType.TaskScheduled, scheduled, consumed, showInput, new JsonObject
                {
                    ["Reason"] = failed.FailureDetails?.ErrorMessage ?? failed.Reason,
                    ["FailureDetails"] = Failure(failed.FailureDetails),
                }, includeResult: true),
                SubOrchestrationInstanceCompletedEvent completed => Merge(completed, completed.TaskScheduledId, EventType.SubOrchestrationInstanceCreated, scheduled, consumed, showInput, new JsonObject
                {
                    ["Result"] = showHistoryOutput ? Parse(completed.Result) : null,
                }, includeResult: showHistoryOutput),
                SubOrchestrationInstanceFailedEvent failed => Merge(failed, failed.TaskScheduledId, EventType.SubOrchestrationInstanceCreated, scheduled, consumed, showInput, new JsonObject
                {
                    ["Reason"] = failed.FailureDetails?.ErrorMessage ?? failed.Reason,
                    ["FailureDetails"] = Failure(failed.FailureDetails),
                }, includeResult: true),
                TaskScheduledEvent pending => Row(pending, new JsonObject { ["Name"] = pending.Name, ["Input"] = showInput ? pending.Input : null }),
                SubOrchestrationInstanceCreatedEvent pending => Row(pending, new JsonObject
                {
                    ["Name"] = pending.Name,
                    ["InstanceId"] = pending.InstanceId,
                    ["Input"] = showInput ? pending.Input : null,
                }),
                TimerCreatedEvent timer => Row(timer, new JsonObject { ["FireAt"] = Timestamp(timer.FireAt) }),
                TimerFiredEvent timer => Row(timer, new JsonObject { ["FireAt"] = Timestamp(timer.FireAt) }),
                EventRaisedEvent raised => Row(raised, new JsonObject { ["Name"] = raised.Name, ["Input"] = showInput ? raised.Input : null }),
                EventSentEvent sent => Row(sent, new JsonObject { ["Name"] = sent.Name, ["InstanceId"] = sent.InstanceId, ["Input"] = showInput ? sent.Input : null }),
                ContinueAsNewEvent continued => Row(continued, new JsonObject { ["Result"] = showHistoryOutput ? Parse(continued.Result) : null }),
                ExecutionCompletedEvent done => Row(done, new JsonObject
                {
                    ["OrchestrationStatus"] = done.OrchestrationStatus.ToString(),
                    ["Result"] = done.OrchestrationStatus == OrchestrationStatus.Failed
                        ? FailureText(done.FailureDetails.ToTaskFailureDetails(), done.Result)
                        : showHistoryOutput ? Parse(done.Result) : null,
                    ["FailureDetails"] = Failure(done.FailureDetails),
                }),
                ExecutionTerminatedEvent terminated => Row(terminated, new JsonObject { ["Input"] = Parse(terminated.Input) }),
                ExecutionSuspendedEvent suspended => Row(suspended, new JsonObject { ["Reason"] = suspended.Reason }),
                ExecutionResumedEvent resumed => Row(resumed, new JsonObject { ["Reason"] = resumed.Reason }),
                _ => Row(e, []),
            };
            if (row is not null)
            {
                rows.Add((e, row));
            }
        }

        var array = new JsonArray();
        foreach (var (source, row) in rows)
        {
            if (!consumed.Contains(source))
            {
                RemoveNulls(row);
                array.Add(row);
            }
        }

        return array;
    }

    public static JsonNode? Parse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        var trimmed = serialized.Trim();
        if (trimmed.Length == 0)
        {
            return JsonValue.Create(string.Empty);
        }

        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    /// <summary>A failed instance's output: the failure's type and message, never its stack trace.</summary>
    public static JsonNode? FailureText(TaskFailureDetails? failure, string? output) => failure is not null
        ? JsonValue.Create($"{failure.ErrorType}: {FirstLine(failure.ErrorMessage)}")
        : JsonValue.Create(FirstLine(output ?? string.Empty));

    private static JsonObject Row(HistoryEvent e, JsonObject fields)
    {
        var row = new JsonObject
        {
            ["EventType"] = e.EventType.ToString(),
            ["Timestamp"] = Timestamp(e.Timestamp),
        };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            row[key] = value;
        }

        return row;
    }

    private static JsonObject Merge(
        HistoryEvent completion,
        int scheduledId,
        EventType scheduledKind,
        Dictionary<(EventType Kind, int Id), HistoryEvent> scheduled,
        HashSet<HistoryEvent> consumed,
        bool showInput,
        JsonObject fields,
        bool includeResult)
    {
        if (!includeResult)
        {
            fields.Remove("Result");
        }

        var row = Row(completion, fields);
        if (scheduled.TryGetValue((scheduledKind, scheduledId), out var origin))
        {
            consumed.Add(origin);
            row["ScheduledTime"] = Timestamp(origin.Timestamp);
            switch (origin)
            {
                case TaskScheduledEvent task:
                    row["FunctionName"] = task.Name;
                    row["Input"] = showInput ? task.Input : null;
                    break;
                case SubOrchestrationInstanceCreatedEvent child:
                    row["FunctionName"] = child.Name;
                    row["InstanceId"] = child.InstanceId;
                    row["Input"] = showInput ? child.Input : null;
                    break;
            }
        }

        return row;
    }

    private static JsonObject? Failure(FailureDetails? details) => details is null
        ? null
        : new JsonObject { ["ErrorType"] = details.ErrorType, ["ErrorMessage"] = FirstLine(details.ErrorMessage) };

    private static void RemoveNulls(JsonObject row)
    {
        foreach (var key in row.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            row.Remove(key);
        }
    }

    /// <summary>Exception messages are one line; anything after a line break (a dumped stack, a path) is dropped.</summary>
    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string Timestamp(DateTimeOffset value) => Timestamp(value.UtcDateTime);

    private static string Timestamp(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("s", CultureInfo.InvariantCulture) + "Z";
}
