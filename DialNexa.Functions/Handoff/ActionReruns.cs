using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Review;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Re-runs of a reviewed call's provider actions: starting one (only for a finished call still open in review, only an
/// action it planned, one at a time per action, recorded with who asked before it starts) and reading them back for
/// the call's status and its erasure. Each re-run is a record under the call (<see cref="AppDataKinds.ActionRerun"/>,
/// item <c>{kind}:{n}</c>, claimed atomically so two people asking at once start one) and its own instance.
/// </summary>
internal sealed partial class ActionReruns(IDurableClientSource clients, IAppDataStore store, ReviewQueue reviews, IOptions<HandoffOptions> options, PublicBaseUrl links, TimeProvider time, ILogger<ActionReruns> logger)
{
    /// <summary>Starts a re-run; returns its record, or why not.</summary>
    public async Task<(ActionRerun? Started, RerunRefusal? Refusal)> StartAsync(string callId, string kind, string rerunBy, string? note, CancellationToken cancellationToken)
    {
        var client = clients.Client;
        var call = await client.GetInstanceAsync(callId, getInputsAndOutputs: true, cancellationToken);
        if (call is null || call.Name != nameof(CallHandoffOrchestrator))
        {
            return Refuse(StatusCodes.Status404NotFound, "No such call.", $"No handoff exists for call '{callId}' (a late delivery plans no actions; re-run its call's).");
        }

        if (call.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            return Refuse(StatusCodes.Status409Conflict, "The call is still running.", $"Call '{callId}' is {call.RuntimeStatus}; its own retries are under way. Re-run an action once the call has ended in review.");
        }

        var snapshot = Json.AppJson.Deserialize<CallStatusSnapshot>(call.SerializedOutput);
        if (snapshot?.Stage != HandoffStage.InReview)
        {
            return Refuse(StatusCodes.Status409Conflict, "Not in review.", $"Call '{callId}' ended {snapshot?.Stage}; only calls in review have actions to re-run.");
        }

        if (await reviews.ReadResolvedAsync(callId, cancellationToken) is { } resolved)
        {
            return Refuse(StatusCodes.Status409Conflict, "Already resolved.", $"Call '{callId}' was resolved by {resolved.Resolution.ResolvedBy} at {resolved.Resolution.ResolvedAt:u}; a resolved call is not re-run.");
        }

        var action = Enum.TryParse<ProviderActionKind>(kind, ignoreCase: true, out var parsed) ? snapshot.PlannedActions.FirstOrDefault(a => a.Kind == parsed) : null;
        if (action is null)
        {
            return Refuse(StatusCodes.Status404NotFound, "No such action.", $"Call '{callId}' planned no '{kind}'; it planned: {string.Join(", ", snapshot.PlannedActions.Select(a => a.Kind))}.");
        }

        var earlier = (await ListAsync(callId, cancellationToken)).Where(r => r.Record.Kind == action.Kind).ToList();
        if (earlier.LastOrDefault() is { Instance: { IsCompleted: false } running })
        {
            return Refuse(StatusCodes.Status409Conflict, "A re-run is under way.", $"{action.Kind} of call '{callId}' is being re-run ({running.InstanceId}); wait for it to end.");
        }

        var number = earlier.Count + 1;
        var rerun = new ActionRerun(InstanceIdFor(callId, action.Kind, number), callId, action.Kind, rerunBy, note, time.GetUtcNow());
        if (!await store.TryAddJsonAsync(AppDataKey.ForCall(AppDataKinds.ActionRerun, callId, ItemOf(action.Kind, number)), rerun, cancellationToken))
        {
            return Refuse(StatusCodes.Status409Conflict, "A re-run was just asked for.", $"Someone else asked to re-run {action.Kind} of call '{callId}' at the same moment; read the call's status.");
        }

        var handoff = options.Value;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ActionRerunOrchestrator),
                new ActionRerunInput(rerun, action, links.Value, handoff.Retries()),
                new StartOrchestrationOptions(rerun.InstanceId),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by an earlier attempt of this request whose answer was lost: the record and the instance agree.
        }

        Started(logger, action.Kind, callId, rerun.InstanceId);
        return (rerun, null);
    }

    /// <summary>Every re-run of a call's actions, oldest first, each with its instance (null once purged).</summary>
    public async Task<IReadOnlyList<(ActionRerun Record, OrchestrationMetadata? Instance)>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var found = new List<(ActionRerun, OrchestrationMetadata?)>();
        await foreach (var entry in store.ListAllAsync(AppDataKinds.ActionRerun, callId, cancellationToken))
        {
            if (Json.AppJson.Deserialize<ActionRerun>(entry.Value.Span) is { } rerun)
            {
                found.Add((rerun, await clients.Client.GetInstanceAsync(rerun.InstanceId, getInputsAndOutputs: true, cancellationToken)));
            }
        }

        return [.. found.OrderBy(f => f.Item1.RequestedAt)];
    }

    /// <summary>A re-run's instance ID: readable from the call ID when it fits.</summary>
    public static string InstanceIdFor(string callId, ProviderActionKind kind, int number)
    {
        var readable = string.Create(CultureInfo.InvariantCulture, $"{callId}:rerun:{kind}:{number}");
        return readable.Length <= CallIdRules.MaxLength
            ? readable
            : string.Create(CultureInfo.InvariantCulture, $"rerun:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callId)))[..32]}:{kind}:{number}");
    }

    private static string ItemOf(ProviderActionKind kind, int number) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{number:D4}");

    private static (ActionRerun?, RerunRefusal?) Refuse(int status, string title, string detail) => (null, new RerunRefusal(status, title, detail));

    [LoggerMessage(2550, LogLevel.Information, "{Kind} of call {CallId} is re-run from the review queue ({InstanceId}).")]
    private static partial void Started(ILogger logger, ProviderActionKind kind, string callId, string instanceId);
}
