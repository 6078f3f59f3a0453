using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Webhooks;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>A stand-in for the redaction feature in orchestration tests: keeps summary and analysis, drops the transcript.</summary>
internal sealed class FakeCallRedactor : ICallRedactor
{
    public RedactedCall Redact(DialNexaCall call) => new()
    {
        CallId = call.CallId,
        Events = [call.EventName],
        Status = call.Status,
        CallerPhone = call.FromNumber is { } from ? "+" + from.TrimStart('+') : null,
        StartedAt = call.StartedAt,
        Turns = call.TranscriptJson is null ? [] : [new RedactedTurn("User", "(transcript withheld by the test redactor)")],
        Summary = call.Summary,
        HasRecording = call.RecordingUrl is not null,
        Analysis = call.Analysis,
        Suppression = SuppressionSummary.None,
    };
}
