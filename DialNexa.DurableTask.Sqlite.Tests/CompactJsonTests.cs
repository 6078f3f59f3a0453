using System.Reflection;
using System.Runtime.Serialization;
using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;

namespace DialNexa.DurableTask.Sqlite.Tests;

/// <summary>
/// The compact codec must give back what the first codec gives back: each case is read back by both, and the two results
/// are compared in the first codec's text (which writes every data-contract member, so a member the compact codec lost
/// or changed shows as a difference).
/// </summary>
public sealed class CompactJsonTests
{
    private static readonly DateTime Time = new(2026, 12, 5, 10, 30, 15, 123, DateTimeKind.Utc);

    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(HistoryEvent).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract && t != typeof(HistoryStateEvent)))
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void TryEncode_EveryMemberSet_ReadsBackAsTheFirstCodecDoes(string typeName)
    {
        var e = NewEvent(typeName);
        Fill(e);

        AssertSameAsFirstCodec(e);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void TryEncode_OnlyConstructorValues_ReadsBackAsTheFirstCodecDoes(string typeName) =>
        AssertSameAsFirstCodec(NewEvent(typeName));

    [Fact]
    public void TryEncode_TaskMessageWithContextTagsAndEvent_ReadsBackAsTheFirstCodecDoes()
    {
        var scheduled = new TaskScheduledEvent(3, "Redact", "", "[\"text with \\\"quotes\\\" and é\"]");
        var context = new OrchestrationExecutionContext();
        typeof(OrchestrationExecutionContext).GetProperty(nameof(OrchestrationExecutionContext.OrchestrationTags))!
            .SetValue(context, new Dictionary<string, string> { ["tenant"] = "acme" });
        var message = new TaskMessage
        {
            Event = scheduled,
            SequenceNumber = 42,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "call-1", ExecutionId = "e1" },
            OrchestrationExecutionContext = context,
        };

        var blob = CompactJson.TryEncode(message);

        Assert.NotNull(blob);
        Assert.Equal(CompactJson.FormatVersion, blob[0]);
        var first = StoredJson.Deserialize<TaskMessage>(StoredJson.Serialize(message));
        Assert.Equal(StoredJson.Serialize(first), StoredJson.Serialize(CompactJson.DecodeMessage(blob)));
        Assert.Equal(StoredJson.Serialize(new TaskMessage()), StoredJson.Serialize(CompactJson.DecodeMessage(CompactJson.TryEncode(new TaskMessage())!)));
    }

    [Fact]
    public void WriteEvents_AnEventTheCompactCodecDoesNotWrite_FallsBackToTheFirstCodecsText()
    {
        List<HistoryEvent> events = [new OrchestratorStartedEvent(-1), new HistoryStateEvent(-1, new OrchestrationState { Name = "x" })];

        var stored = StoredFormat.WriteEvents(events);

        Assert.Null(stored.Blob);
        Assert.Equal(["OrchestratorStartedEvent", "HistoryStateEvent"], StoredFormat.ReadEvents(stored.Value).Select(e => e.GetType().Name));
    }

    [Fact]
    public void WriteMessage_FailurePropertyNotAStringBooleanOrInteger_FallsBackToTheFirstCodecsText()
    {
        var failure = new FailureDetails("Boom", "it broke", null, null, false, new Dictionary<string, object?> { ["ratio"] = 0.5 });
        var message = new TaskMessage { Event = new TaskFailedEvent(-1, 1, "r", "d", failure), OrchestrationInstance = new OrchestrationInstance { InstanceId = "i" } };

        var stored = StoredFormat.WriteMessage(message);

        Assert.Null(stored.Blob);
        Assert.Equal(0.5, ((TaskFailedEvent)StoredFormat.ReadMessage(stored.Value).Event).FailureDetails!.Properties!["ratio"]);
    }

    [Fact]
    public void DecodeEvents_UnknownFormatVersion_IsRefused()
    {
        var blob = CompactJson.TryEncode([new OrchestratorStartedEvent(-1)])!;
        blob[0] = 99;

        Assert.Throws<InvalidDataException>(() => CompactJson.DecodeEvents(blob));
    }

    private static void AssertSameAsFirstCodec(HistoryEvent e)
    {
        var blob = CompactJson.TryEncode([e]);

        Assert.NotNull(blob);
        // The first codec cannot read an ExecutionRewoundEvent back (two constructors, neither one it may use): for that
        // kind the compact codec's result is compared with the event itself.
        var first = e is ExecutionRewoundEvent ? [e] : StoredJson.DeserializeEvents(StoredJson.SerializeEvents([e]));
        var compact = CompactJson.DecodeEvents(blob);
        Assert.Equal(StoredJson.SerializeEvents(first), StoredJson.SerializeEvents(compact));
    }

    private static HistoryEvent NewEvent(string typeName)
    {
        var type = typeof(HistoryEvent).Assembly.GetExportedTypes().Single(t => t.Name == typeName);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType == typeof(DateTime) ? Time : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        return (HistoryEvent)constructor.Invoke(arguments);
    }

    /// <summary>Sets every data member (the event kind aside) to a value of its type that no constructor would give.</summary>
    private static void Fill(object target)
    {
        for (var type = target.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (member.GetCustomAttribute<DataMemberAttribute>() is null || member.Name == nameof(HistoryEvent.EventType))
                {
                    continue;
                }

                switch (member)
                {
                    case PropertyInfo property:
                        property.GetSetMethod(nonPublic: true)!.Invoke(target, [SampleValue(property.PropertyType, member.Name)]);
                        break;
                    case FieldInfo field:
                        field.SetValue(target, SampleValue(field.FieldType, member.Name));
                        break;
                }
            }
        }
    }

    private static object? SampleValue(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return $"{name} \"quoted\" \\ é \u0001 {{\"json\":[1,2]}}";
        }

        if (type == typeof(int))
        {
            return name.Length * 7;
        }

        if (type == typeof(long))
        {
            return 1L << 40;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTime))
        {
            return Time.AddTicks(name.Length);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(2);
        }

        if (type == typeof(IDictionary<string, string>))
        {
            return new Dictionary<string, string> { ["tenant"] = "acme", ["quote \""] = "\"v\"" };
        }

        if (type == typeof(OrchestrationInstance))
        {
            return new OrchestrationInstance { InstanceId = "instance-" + name, ExecutionId = "exec" };
        }

        if (type == typeof(ParentInstance))
        {
            return new ParentInstance { Name = "Parent", Version = "2", TaskScheduleId = 9, OrchestrationInstance = new OrchestrationInstance { InstanceId = "p", ExecutionId = "pe" } };
        }

        if (type == typeof(DistributedTraceContext))
        {
            return new DistributedTraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v")
            {
                Id = "id",
                SpanId = "span",
                ActivityStartTime = new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(7),
            };
        }

        if (type == typeof(FailureDetails))
        {
            var inner = new FailureDetails("Inner", "inner message", null, null, false);
            return new FailureDetails("Boom", "it \"broke\"", "at X.Y()", inner, true, new Dictionary<string, object?> { ["code"] = 42, ["who"] = "me", ["retry"] = false, ["none"] = null });
        }

        throw new NotSupportedException($"No sample value for {type} ({name}): add one, and check the compact codec writes that member.");
    }
}
