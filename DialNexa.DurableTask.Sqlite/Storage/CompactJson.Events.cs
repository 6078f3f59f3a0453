using System.Reflection;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;

namespace DialNexa.DurableTask.Sqlite.Storage;

/// <summary>How each history event, and the objects inside them, are written and read.</summary>
internal static partial class CompactJson
{
    // The members of DurableTask.Core 3.11.3's data contracts; CompactJsonTests checks that every [DataMember] has one.
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("k");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Played = JsonEncodedText.Encode("p");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("n");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("v");
    private static readonly JsonEncodedText Input = JsonEncodedText.Encode("in");
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("res");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("rsn");
    private static readonly JsonEncodedText Details = JsonEncodedText.Encode("det");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText TaskScheduledId = JsonEncodedText.Encode("tsid");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("os");
    private static readonly JsonEncodedText Failure = JsonEncodedText.Encode("fd");
    private static readonly JsonEncodedText InstanceId = JsonEncodedText.Encode("iid");
    private static readonly JsonEncodedText ParentExecutionId = JsonEncodedText.Encode("peid");
    private static readonly JsonEncodedText TraceContext = JsonEncodedText.Encode("tc");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText ClientSpanId = JsonEncodedText.Encode("csid");
    private static readonly JsonEncodedText FireAt = JsonEncodedText.Encode("fire");
    private static readonly JsonEncodedText TimerId = JsonEncodedText.Encode("tid");
    private static readonly JsonEncodedText Instance = JsonEncodedText.Encode("oi");
    private static readonly JsonEncodedText Parent = JsonEncodedText.Encode("pi");
    private static readonly JsonEncodedText Correlation = JsonEncodedText.Encode("cor");
    private static readonly JsonEncodedText ScheduledStart = JsonEncodedText.Encode("sst");
    private static readonly JsonEncodedText Generation = JsonEncodedText.Encode("gen");
    private static readonly JsonEncodedText NewTrace = JsonEncodedText.Encode("gnt");
    private static readonly JsonEncodedText ExecutionId = JsonEncodedText.Encode("eid");
    private static readonly JsonEncodedText TraceParent = JsonEncodedText.Encode("tp");
    private static readonly JsonEncodedText TraceState = JsonEncodedText.Encode("tst");
    private static readonly JsonEncodedText SpanId = JsonEncodedText.Encode("sid");
    private static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("st");
    private static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("et");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("em");
    private static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stack");
    private static readonly JsonEncodedText Inner = JsonEncodedText.Encode("inner");
    private static readonly JsonEncodedText NonRetriable = JsonEncodedText.Encode("nr");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode("props");
    private static readonly JsonEncodedText Event = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("ctx");

    // Set only by deserializers (the first codec sets them the same way, through the data contract).
    private static readonly Action<ExecutionCompletedEvent, OrchestrationStatus> SetCompletedStatus = PrivateSetter<ExecutionCompletedEvent, OrchestrationStatus>(nameof(ExecutionCompletedEvent.OrchestrationStatus));
    private static readonly Action<ExecutionCompletedEvent, FailureDetails> SetCompletedFailure = PrivateSetter<ExecutionCompletedEvent, FailureDetails>(nameof(ExecutionCompletedEvent.FailureDetails));
    private static readonly Action<OrchestrationExecutionContext, IDictionary<string, string>> SetContextTags = PrivateSetter<OrchestrationExecutionContext, IDictionary<string, string>>(nameof(OrchestrationExecutionContext.OrchestrationTags));

    /// <summary>The event kinds this codec writes: exactly these classes (a subclass could carry members it would lose).</summary>
    private static bool IsKnownType(Type type) =>
        type == typeof(ExecutionStartedEvent) || type == typeof(ExecutionCompletedEvent) || type == typeof(ContinueAsNewEvent)
        || type == typeof(ExecutionTerminatedEvent) || type == typeof(ExecutionSuspendedEvent) || type == typeof(ExecutionResumedEvent)
        || type == typeof(ExecutionRewoundEvent) || type == typeof(TaskScheduledEvent) || type == typeof(TaskCompletedEvent)
        || type == typeof(TaskFailedEvent) || type == typeof(SubOrchestrationInstanceCreatedEvent)
        || type == typeof(SubOrchestrationInstanceCompletedEvent) || type == typeof(SubOrchestrationInstanceFailedEvent)
        || type == typeof(TimerCreatedEvent) || type == typeof(TimerFiredEvent) || type == typeof(OrchestratorStartedEvent)
        || type == typeof(OrchestratorCompletedEvent) || type == typeof(EventSentEvent) || type == typeof(EventRaisedEvent)
        || type == typeof(GenericEvent);

    private static bool CanWrite(HistoryEvent e) => IsKnownType(e.GetType()) && e switch
    {
        ExecutionCompletedEvent c => CanWrite(c.FailureDetails),
        TaskFailedEvent f => CanWrite(f.FailureDetails),
        SubOrchestrationInstanceFailedEvent f => CanWrite(f.FailureDetails),
        _ => true,
    };

    private static bool CanWrite(FailureDetails? failure)
    {
        for (; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.GetType() != typeof(FailureDetails))
            {
                return false;
            }

            if (failure.Properties is { } properties)
            {
                foreach (var value in properties.Values)
                {
                    if (value is not (null or string or bool or int or long or short or sbyte or byte or ushort or uint))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static void WriteMessage(Utf8JsonWriter writer, TaskMessage message)
    {
        writer.WriteStartObject();
        if (message.Event is { } e)
        {
            writer.WritePropertyName(Event);
            WriteEvent(writer, e);
        }

        writer.WriteNumber(Sequence, message.SequenceNumber);
        WriteInstance(writer, Instance, message.OrchestrationInstance);
        if (message.OrchestrationExecutionContext is { } context)
        {
            writer.WriteStartObject(Context);
            WriteTags(writer, Tags, context.OrchestrationTags);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static TaskMessage ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("a task message expected");
        }

        var message = new TaskMessage();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Event.EncodedUtf8Bytes))
            {
                Next(ref reader);
                message.Event = ReadEvent(ref reader);
            }
            else if (reader.ValueTextEquals(Sequence.EncodedUtf8Bytes))
            {
                Next(ref reader);
                message.SequenceNumber = reader.GetInt64();
            }
            else if (reader.ValueTextEquals(Instance.EncodedUtf8Bytes))
            {
                Next(ref reader);
                message.OrchestrationInstance = ReadInstance(ref reader);
            }
            else if (reader.ValueTextEquals(Context.EncodedUtf8Bytes))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var context = new OrchestrationExecutionContext();
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals(Tags.EncodedUtf8Bytes))
                    {
                        Next(ref reader);
                        SetContextTags(context, ReadTags(ref reader));
                    }
                    else
                    {
                        Skip(ref reader);
                    }
                }

                message.OrchestrationExecutionContext = context;
            }
            else
            {
                Skip(ref reader);
            }
        }

        return message;
    }

    private static void WriteEvent(Utf8JsonWriter writer, HistoryEvent e)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Kind, (int)e.EventType);
        writer.WriteNumber(Id, e.EventId);
        if (e.IsPlayed)
        {
            writer.WriteBoolean(Played, true);
        }

        writer.WriteNumber(Timestamp, Ticks(e.Timestamp));
        switch (e)
        {
            case ExecutionStartedEvent started:
                WriteInstance(writer, Instance, started.OrchestrationInstance);
                if (started.ParentInstance is { } parent)
                {
                    writer.WriteStartObject(Parent);
                    WriteString(writer, Name, parent.Name);
                    WriteString(writer, Version, parent.Version);
                    WriteInstance(writer, Instance, parent.OrchestrationInstance);
                    writer.WriteNumber(TaskScheduledId, parent.TaskScheduleId);
                    writer.WriteEndObject();
                }

                WriteString(writer, Name, started.Name);
                WriteString(writer, Version, started.Version);
                WriteString(writer, Input, started.Input);
                WriteTags(writer, Tags, started.Tags);
                WriteString(writer, Correlation, started.Correlation);
                WriteTraceContext(writer, started.ParentTraceContext);
                if (started.ScheduledStartTime is { } scheduledStart)
                {
                    writer.WriteNumber(ScheduledStart, Ticks(scheduledStart));
                }

                if (started.Generation is { } generation)
                {
                    writer.WriteNumber(Generation, generation);
                }

                if (started.GenerateNewTrace)
                {
                    writer.WriteBoolean(NewTrace, true);
                }

                break;
            case ExecutionCompletedEvent completed: // ContinueAsNewEvent too
                WriteString(writer, Result, completed.Result);
                writer.WriteNumber(Status, (int)completed.OrchestrationStatus);
                WriteFailure(writer, Failure, completed.FailureDetails);
                break;
            case ExecutionTerminatedEvent terminated:
                WriteString(writer, Input, terminated.Input);
                break;
            case ExecutionSuspendedEvent suspended:
                WriteString(writer, Reason, suspended.Reason);
                break;
            case ExecutionResumedEvent resumed:
                WriteString(writer, Reason, resumed.Reason);
                break;
            case ExecutionRewoundEvent rewound:
                WriteString(writer, Reason, rewound.Reason);
                WriteString(writer, ParentExecutionId, rewound.ParentExecutionId);
                WriteString(writer, InstanceId, rewound.InstanceId);
                WriteTraceContext(writer, rewound.ParentTraceContext);
                break;
            case TaskScheduledEvent scheduled:
                WriteString(writer, Name, scheduled.Name);
                WriteString(writer, Version, scheduled.Version);
                WriteString(writer, Input, scheduled.Input);
                WriteTraceContext(writer, scheduled.ParentTraceContext);
                WriteTags(writer, Tags, scheduled.Tags);
                break;
            case TaskCompletedEvent completed:
                writer.WriteNumber(TaskScheduledId, completed.TaskScheduledId);
                WriteString(writer, Result, completed.Result);
                break;
            case TaskFailedEvent failed:
                writer.WriteNumber(TaskScheduledId, failed.TaskScheduledId);
                WriteString(writer, Reason, failed.Reason);
                WriteString(writer, Details, failed.Details);
                WriteFailure(writer, Failure, failed.FailureDetails);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                WriteString(writer, Name, created.Name);
                WriteString(writer, Version, created.Version);
                WriteString(writer, InstanceId, created.InstanceId);
                WriteString(writer, Input, created.Input);
                WriteString(writer, ClientSpanId, created.ClientSpanId);
                WriteTags(writer, Tags, created.Tags);
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                writer.WriteNumber(TaskScheduledId, completed.TaskScheduledId);
                WriteString(writer, Result, completed.Result);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                writer.WriteNumber(TaskScheduledId, failed.TaskScheduledId);
                WriteString(writer, Reason, failed.Reason);
                WriteString(writer, Details, failed.Details);
                WriteFailure(writer, Failure, failed.FailureDetails);
                break;
            case TimerCreatedEvent created:
                writer.WriteNumber(FireAt, Ticks(created.FireAt));
                break;
            case TimerFiredEvent fired:
                writer.WriteNumber(TimerId, fired.TimerId);
                writer.WriteNumber(FireAt, Ticks(fired.FireAt));
                break;
            case EventSentEvent sent:
                WriteString(writer, InstanceId, sent.InstanceId);
                WriteString(writer, Name, sent.Name);
                WriteString(writer, Input, sent.Input);
                break;
            case EventRaisedEvent raised:
                WriteString(writer, Name, raised.Name);
                WriteString(writer, Input, raised.Input);
                WriteTraceContext(writer, raised.ParentTraceContext);
                break;
            case GenericEvent generic:
                WriteString(writer, Data, generic.Data);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Every member any event kind has; the kind says which apply.</summary>
    private struct EventFields
    {
        public int Kind;
        public int Id;
        public bool Played;
        public long Timestamp;
        public string? Name;
        public string? Version;
        public string? Input;
        public string? Result;
        public string? Reason;
        public string? Details;
        public string? Data;
        public int TaskScheduledId;
        public int Status;
        public FailureDetails? Failure;
        public string? InstanceId;
        public string? ParentExecutionId;
        public DistributedTraceContext? TraceContext;
        public Dictionary<string, string>? Tags;
        public string? ClientSpanId;
        public long FireAt;
        public int TimerId;
        public OrchestrationInstance? Instance;
        public ParentInstance? Parent;
        public string? Correlation;
        public long? ScheduledStart;
        public int? Generation;
        public bool NewTrace;
    }

    private static HistoryEvent ReadEvent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("a history event expected");
        }

        var f = new EventFields { Kind = -1 };
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Kind.EncodedUtf8Bytes))
            {
                f.Kind = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(Id.EncodedUtf8Bytes))
            {
                f.Id = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(Played.EncodedUtf8Bytes))
            {
                f.Played = NextBoolean(ref reader);
            }
            else if (reader.ValueTextEquals(Timestamp.EncodedUtf8Bytes))
            {
                f.Timestamp = NextInt64(ref reader);
            }
            else if (reader.ValueTextEquals(Name.EncodedUtf8Bytes))
            {
                f.Name = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Version.EncodedUtf8Bytes))
            {
                f.Version = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Input.EncodedUtf8Bytes))
            {
                f.Input = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Result.EncodedUtf8Bytes))
            {
                f.Result = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Reason.EncodedUtf8Bytes))
            {
                f.Reason = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Details.EncodedUtf8Bytes))
            {
                f.Details = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Data.EncodedUtf8Bytes))
            {
                f.Data = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(TaskScheduledId.EncodedUtf8Bytes))
            {
                f.TaskScheduledId = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(Status.EncodedUtf8Bytes))
            {
                f.Status = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(Failure.EncodedUtf8Bytes))
            {
                Next(ref reader);
                f.Failure = ReadFailure(ref reader);
            }
            else if (reader.ValueTextEquals(InstanceId.EncodedUtf8Bytes))
            {
                f.InstanceId = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(ParentExecutionId.EncodedUtf8Bytes))
            {
                f.ParentExecutionId = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(TraceContext.EncodedUtf8Bytes))
            {
                Next(ref reader);
                f.TraceContext = ReadTraceContext(ref reader);
            }
            else if (reader.ValueTextEquals(Tags.EncodedUtf8Bytes))
            {
                Next(ref reader);
                f.Tags = ReadTags(ref reader);
            }
            else if (reader.ValueTextEquals(ClientSpanId.EncodedUtf8Bytes))
            {
                f.ClientSpanId = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(FireAt.EncodedUtf8Bytes))
            {
                f.FireAt = NextInt64(ref reader);
            }
            else if (reader.ValueTextEquals(TimerId.EncodedUtf8Bytes))
            {
                f.TimerId = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(Instance.EncodedUtf8Bytes))
            {
                Next(ref reader);
                f.Instance = ReadInstance(ref reader);
            }
            else if (reader.ValueTextEquals(Parent.EncodedUtf8Bytes))
            {
                Next(ref reader);
                f.Parent = ReadParent(ref reader);
            }
            else if (reader.ValueTextEquals(Correlation.EncodedUtf8Bytes))
            {
                f.Correlation = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(ScheduledStart.EncodedUtf8Bytes))
            {
                f.ScheduledStart = NextInt64(ref reader);
            }
            else if (reader.ValueTextEquals(Generation.EncodedUtf8Bytes))
            {
                f.Generation = NextInt32(ref reader);
            }
            else if (reader.ValueTextEquals(NewTrace.EncodedUtf8Bytes))
            {
                f.NewTrace = NextBoolean(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        var e = Create(ref f);
        e.IsPlayed = f.Played;
        e.Timestamp = FromTicks(f.Timestamp);
        return e;
    }

    private static HistoryEvent Create(ref EventFields f)
    {
        switch ((EventType)f.Kind)
        {
            case EventType.ExecutionStarted:
                return new ExecutionStartedEvent(f.Id, f.Input)
                {
                    OrchestrationInstance = f.Instance,
                    ParentInstance = f.Parent,
                    Name = f.Name,
                    Version = f.Version,
                    Tags = f.Tags,
                    Correlation = f.Correlation,
                    ParentTraceContext = f.TraceContext,
                    ScheduledStartTime = f.ScheduledStart is { } scheduled ? FromTicks(scheduled) : null,
                    Generation = f.Generation,
                    GenerateNewTrace = f.NewTrace,
                };
            case EventType.ExecutionCompleted:
                return new ExecutionCompletedEvent(f.Id, f.Result, (OrchestrationStatus)f.Status, f.Failure);
            case EventType.ContinueAsNew:
                var continued = new ContinueAsNewEvent(f.Id, f.Result);
                SetCompletedStatus(continued, (OrchestrationStatus)f.Status);
                SetCompletedFailure(continued, f.Failure!);
                return continued;
            case EventType.ExecutionTerminated:
                return new ExecutionTerminatedEvent(f.Id, f.Input);
            case EventType.ExecutionSuspended:
                return new ExecutionSuspendedEvent(f.Id, f.Reason);
            case EventType.ExecutionResumed:
                return new ExecutionResumedEvent(f.Id, f.Reason);
            case EventType.ExecutionRewound:
                return new ExecutionRewoundEvent(f.Id, f.Reason)
                {
                    ParentExecutionId = f.ParentExecutionId,
                    InstanceId = f.InstanceId,
                    ParentTraceContext = f.TraceContext,
                };
            case EventType.TaskScheduled:
                return new TaskScheduledEvent(f.Id, f.Name!, f.Version, f.Input) { ParentTraceContext = f.TraceContext, Tags = f.Tags };
            case EventType.TaskCompleted:
                return new TaskCompletedEvent(f.Id, f.TaskScheduledId, f.Result);
            case EventType.TaskFailed:
                return new TaskFailedEvent(f.Id, f.TaskScheduledId, f.Reason, f.Details, f.Failure);
            case EventType.SubOrchestrationInstanceCreated:
                return new SubOrchestrationInstanceCreatedEvent(f.Id)
                {
                    Name = f.Name,
                    Version = f.Version,
                    InstanceId = f.InstanceId,
                    Input = f.Input,
                    ClientSpanId = f.ClientSpanId,
                    Tags = f.Tags,
                };
            case EventType.SubOrchestrationInstanceCompleted:
                return new SubOrchestrationInstanceCompletedEvent(f.Id, f.TaskScheduledId, f.Result);
            case EventType.SubOrchestrationInstanceFailed:
                return new SubOrchestrationInstanceFailedEvent(f.Id, f.TaskScheduledId, f.Reason, f.Details, f.Failure);
            case EventType.TimerCreated:
                return new TimerCreatedEvent(f.Id, FromTicks(f.FireAt));
            case EventType.TimerFired:
                return new TimerFiredEvent(f.Id, FromTicks(f.FireAt)) { TimerId = f.TimerId };
            case EventType.OrchestratorStarted:
                return new OrchestratorStartedEvent(f.Id);
            case EventType.OrchestratorCompleted:
                return new OrchestratorCompletedEvent(f.Id);
            case EventType.EventSent:
                return new EventSentEvent(f.Id) { InstanceId = f.InstanceId, Name = f.Name, Input = f.Input };
            case EventType.EventRaised:
                return new EventRaisedEvent(f.Id, f.Input) { Name = f.Name, ParentTraceContext = f.TraceContext };
            case EventType.GenericEvent:
                return new GenericEvent(f.Id, f.Data);
            default:
                throw Malformed($"unknown event kind {f.Kind}");
        }
    }

    private static void WriteInstance(Utf8JsonWriter writer, JsonEncodedText name, OrchestrationInstance? instance)
    {
        if (instance is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        WriteString(writer, InstanceId, instance.InstanceId);
        WriteString(writer, ExecutionId, instance.ExecutionId);
        writer.WriteEndObject();
    }

    private static OrchestrationInstance ReadInstance(ref Utf8JsonReader reader)
    {
        var instance = new OrchestrationInstance();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(InstanceId.EncodedUtf8Bytes))
            {
                instance.InstanceId = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(ExecutionId.EncodedUtf8Bytes))
            {
                instance.ExecutionId = NextString(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return instance;
    }

    private static ParentInstance ReadParent(ref Utf8JsonReader reader)
    {
        var parent = new ParentInstance();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Name.EncodedUtf8Bytes))
            {
                parent.Name = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Version.EncodedUtf8Bytes))
            {
                parent.Version = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Instance.EncodedUtf8Bytes))
            {
                Next(ref reader);
                parent.OrchestrationInstance = ReadInstance(ref reader);
            }
            else if (reader.ValueTextEquals(TaskScheduledId.EncodedUtf8Bytes))
            {
                parent.TaskScheduleId = NextInt32(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return parent;
    }

    private static void WriteTraceContext(Utf8JsonWriter writer, DistributedTraceContext? context)
    {
        if (context is null)
        {
            return;
        }

        writer.WriteStartObject(TraceContext);
        WriteString(writer, TraceParent, context.TraceParent);
        WriteString(writer, TraceState, context.TraceState);
        WriteString(writer, Id, context.Id);
        WriteString(writer, SpanId, context.SpanId);
        if (context.ActivityStartTime is { } started)
        {
            writer.WriteString(StartTime, started);
        }

        writer.WriteEndObject();
    }

    private static DistributedTraceContext ReadTraceContext(ref Utf8JsonReader reader)
    {
        string? traceParent = null, traceState = null, id = null, spanId = null;
        DateTimeOffset? started = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(TraceParent.EncodedUtf8Bytes))
            {
                traceParent = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(TraceState.EncodedUtf8Bytes))
            {
                traceState = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Id.EncodedUtf8Bytes))
            {
                id = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(SpanId.EncodedUtf8Bytes))
            {
                spanId = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(StartTime.EncodedUtf8Bytes))
            {
                Next(ref reader);
                started = reader.GetDateTimeOffset();
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new DistributedTraceContext(traceParent!, traceState) { Id = id, SpanId = spanId, ActivityStartTime = started };
    }

    private static void WriteFailure(Utf8JsonWriter writer, JsonEncodedText name, FailureDetails? failure)
    {
        if (failure is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        WriteString(writer, ErrorType, failure.ErrorType);
        WriteString(writer, ErrorMessage, failure.ErrorMessage);
        WriteString(writer, StackTrace, failure.StackTrace);
        WriteFailure(writer, Inner, failure.InnerFailure);
        writer.WriteBoolean(NonRetriable, failure.IsNonRetriable);
        if (failure.Properties is { } properties)
        {
            writer.WriteStartObject(Properties);
            foreach (var (key, value) in properties)
            {
                writer.WritePropertyName(key);
                switch (value)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    default: // an integer (CanWrite checked): read back as a long, as the first codec does
                        writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static FailureDetails ReadFailure(ref Utf8JsonReader reader)
    {
        string? errorType = null, errorMessage = null, stackTrace = null;
        FailureDetails? inner = null;
        var nonRetriable = false;
        Dictionary<string, object?>? properties = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ErrorType.EncodedUtf8Bytes))
            {
                errorType = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(ErrorMessage.EncodedUtf8Bytes))
            {
                errorMessage = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(StackTrace.EncodedUtf8Bytes))
            {
                stackTrace = NextString(ref reader);
            }
            else if (reader.ValueTextEquals(Inner.EncodedUtf8Bytes))
            {
                Next(ref reader);
                inner = ReadFailure(ref reader);
            }
            else if (reader.ValueTextEquals(NonRetriable.EncodedUtf8Bytes))
            {
                nonRetriable = NextBoolean(ref reader);
            }
            else if (reader.ValueTextEquals(Properties.EncodedUtf8Bytes))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                properties = [];
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    properties[key] = Next(ref reader) switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        JsonTokenType.Number => reader.GetInt64(),
                        _ => throw Malformed("a failure property is not a string, boolean or integer"),
                    };
                }
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new FailureDetails(errorType!, errorMessage!, stackTrace, inner, nonRetriable, properties!);
    }

    private static void WriteTags(Utf8JsonWriter writer, JsonEncodedText name, IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in tags)
        {
            writer.WritePropertyName(key);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, string> ReadTags(ref Utf8JsonReader reader)
    {
        var tags = new Dictionary<string, string>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            tags[key] = NextString(ref reader)!;
        }

        return tags;
    }

    private static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? NextString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.GetString();
    }

    private static int NextInt32(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.GetInt32();
    }

    private static long NextInt64(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.GetInt64();
    }

    private static bool NextBoolean(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.GetBoolean();
    }

    /// <summary>Skips the value of a property this build does not know (written by a later one).</summary>
    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>UTC ticks; a local time is converted and an unspecified one taken as UTC, as the first codec did.</summary>
    private static long Ticks(DateTime value) => (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);

    private static Action<TOwner, TValue> PrivateSetter<TOwner, TValue>(string property) =>
        typeof(TOwner).GetProperty(property, BindingFlags.Instance | BindingFlags.Public)?.GetSetMethod(nonPublic: true)?.CreateDelegate<Action<TOwner, TValue>>()
        ?? throw new MissingMemberException(typeof(TOwner).Name, property);
}
