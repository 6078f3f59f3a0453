using DialNexa.DurableTask.Sqlite.Storage;
using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;

namespace DialNexa.DurableTask.Sqlite.Tests;

public sealed class StoredJsonTests
{
    [Fact]
    public void SerializeEvents_EachKindOfEvent_ReadsBackWithItsTypeAndData()
    {
        var fireAt = new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);
        List<HistoryEvent> events =
        [
            new ExecutionStartedEvent(-1, "\"input\"")
            {
                Name = "Call",
                Version = "",
                OrchestrationInstance = new OrchestrationInstance { InstanceId = "call-1", ExecutionId = "e1" },
                ParentInstance = new ParentInstance { Name = "Parent", TaskScheduleId = 3, OrchestrationInstance = new OrchestrationInstance { InstanceId = "p", ExecutionId = "pe" } },
                Tags = new Dictionary<string, string> { ["tenant"] = "acme" },
                ScheduledStartTime = fireAt,
            },
            new TaskScheduledEvent(0, "Redact", "", "\"text\""),
            new TaskCompletedEvent(-1, 0, "\"done\""),
            new TimerCreatedEvent(1, fireAt),
            new TimerFiredEvent(-1, fireAt) { TimerId = 1 },
            new EventRaisedEvent(-1, "\"yes\"") { Name = "Approval" },
            new SubOrchestrationInstanceFailedEvent(-1, 2, "why", "details", new FailureDetails("Boom", "it broke", null, null, true)),
            new ExecutionCompletedEvent(4, "\"out\"", OrchestrationStatus.Completed, null),
        ];

        var json = StoredJson.SerializeEvents(events);
        var read = StoredJson.DeserializeEvents(json);

        Assert.Equal(events.Select(e => e.GetType()), read.Select(e => e.GetType()));
        var started = (ExecutionStartedEvent)read[0];
        Assert.Equal("call-1", started.OrchestrationInstance.InstanceId);
        Assert.Equal("acme", started.Tags["tenant"]);
        Assert.Equal(3, started.ParentInstance.TaskScheduleId);
        Assert.Equal(fireAt, started.ScheduledStartTime);
        Assert.Equal("Redact", ((TaskScheduledEvent)read[1]).Name);
        Assert.Equal(1, ((TimerFiredEvent)read[4]).TimerId);
        Assert.Equal(fireAt, ((TimerFiredEvent)read[4]).FireAt);
        Assert.Equal(DateTimeKind.Utc, ((TimerFiredEvent)read[4]).FireAt.Kind);
        Assert.Equal("Approval", ((EventRaisedEvent)read[5]).Name);
        Assert.Equal("it broke", ((SubOrchestrationInstanceFailedEvent)read[6]).FailureDetails?.ErrorMessage);
        Assert.Equal(OrchestrationStatus.Completed, ((ExecutionCompletedEvent)read[7]).OrchestrationStatus);
        Assert.DoesNotContain("DurableTask.Core.History", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TypeNameOutsideDurableTaskData_IsRefused()
    {
        const string json = """[{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"/etc/passwd"}]""";

        Assert.ThrowsAny<JsonException>(() => StoredJson.DeserializeEvents(json));
    }
}
