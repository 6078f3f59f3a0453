using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DialNexa.DurableTask.SelfHost.Client;

/// <summary>
/// Reads the JSON array of history events an <see cref="global::DurableTask.Core.IOrchestrationServiceClient"/> returns
/// from <c>GetOrchestrationHistoryAsync</c> (DurableTask.AzureStorage writes each event's properties and its numeric
/// <c>EventType</c>, with no type names) into DurableTask.Core's event classes.
/// </summary>
internal static class HistoryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
    });

    public static List<HistoryEvent> Parse(string? json)
    {
        var events = new List<HistoryEvent>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return events;
        }

        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        var array = JArray.Load(reader);
        foreach (var item in array.OfType<JObject>())
        {
            var type = ClassOf(ReadEventType(item));
            if (type is not null && item.ToObject(type, Serializer) is HistoryEvent historyEvent)
            {
                events.Add(historyEvent);
            }
        }

        return events;
    }

    private static EventType? ReadEventType(JObject item)
    {
        var token = item.GetValue("EventType", StringComparison.OrdinalIgnoreCase);
        return token?.Type switch
        {
            JTokenType.Integer => (EventType)token.Value<int>(),
            JTokenType.String when Enum.TryParse<EventType>(token.Value<string>(), ignoreCase: true, out var parsed) => parsed,
            _ => null,
        };
    }

    private static Type? ClassOf(EventType? eventType) => eventType switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionFailed => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
        EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
        EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.GenericEvent => typeof(GenericEvent),
        EventType.HistoryState => typeof(HistoryStateEvent),
        EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
        EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
        EventType.ExecutionRewound => typeof(ExecutionRewoundEvent),
        _ => null,
    };
}
