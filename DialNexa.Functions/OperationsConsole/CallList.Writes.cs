using DialNexa.Functions.Calls;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The handoff's writes to the call list, one app data write at a time and only at stage changes: when the call is
/// first redacted (an insert that does nothing if the call is listed already), when approval is requested, when the
/// call is summarised or opened for review, and when it ends. Each is called from an activity with the instance ID it
/// runs for; a late delivery or a re-run (an instance ID that is not the call ID) writes nothing.
/// </summary>
internal sealed partial class CallList
{
    /// <summary>The call arrived and was redacted: listed with when, and the caller's masked number.</summary>
    public async Task ReceivedAsync(string instanceId, RedactedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (instanceId != call.CallId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var row = new ListedCall
        {
            CallId = call.CallId,
            ReceivedAt = now,
            UpdatedAt = now,
            Stage = HandoffStage.Redacting,
            MaskedPhone = call.CallerPhone is { } phone ? ApprovalMasking.Phone(phone) : null,
            SearchKeys = await digests.ForCallAsync(null, call.CallerPhone, null, cancellationToken),
        };
        if (await store.TryAddJsonAsync(KeyOf(call.CallId), row, cancellationToken))
        {
            Remember(row);
        }
    }

    /// <summary>The handoff's status at a stage change (approval requested, summarised, in review).</summary>
    public async Task RecordAsync(string instanceId, CallStatusSnapshot status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (instanceId != status.CallId)
        {
            return;
        }

        var earlier = await ReadAsync(status.CallId, cancellationToken);
        var facts = status.Context;
        var email = facts?.Text(FactNames.Email);
        var phone = facts?.Text(FactNames.Phone);
        var keys = await digests.ForCallAsync(email, phone, facts?.Text(FactNames.InvoiceNumber), cancellationToken);
        var now = time.GetUtcNow();
        var row = new ListedCall
        {
            CallId = status.CallId,
            ReceivedAt = earlier?.ReceivedAt ?? now,
            UpdatedAt = now,
            Stage = status.Stage,
            Workflow = status.Workflow ?? earlier?.Workflow,
            CustomerName = facts?.Text(FactNames.CustomerName) ?? earlier?.CustomerName,
            MaskedEmail = email is null ? earlier?.MaskedEmail : ApprovalMasking.Email(email),
            MaskedPhone = phone is null ? earlier?.MaskedPhone : ApprovalMasking.Phone(phone),
            Amount = facts?.Amount ?? earlier?.Amount,
            Currency = facts?.Currency ?? earlier?.Currency,
            MatchConfidence = status.Match?.Confidence ?? earlier?.MatchConfidence,
            Actions = status.Actions.Count > 0 ? [.. status.Actions.Select(a => new ListedAction(a.Provider, a.Kind, a.Outcome))]
                : status.PlannedActions.Count > 0 ? [.. status.PlannedActions.Select(a => new ListedAction(a.Provider, a.Kind, null))]
                : earlier?.Actions ?? [],
            Approval = status.Approval is { } approval ? ApprovalOf(approval) : earlier?.Approval,
            SearchKeys = [.. (earlier?.SearchKeys ?? []).Union(keys, StringComparer.Ordinal)],
        };
        await store.PutJsonAsync(KeyOf(status.CallId), row, cancellationToken);
        Remember(row);
    }

    /// <summary>The approval request was sent: the call waits for finance.</summary>
    public Task AwaitingApprovalAsync(string instanceId, CallStatusSnapshot status, ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return RecordAsync(instanceId, status with { Stage = HandoffStage.AwaitingApproval, Approval = new ApprovalStatus(request, null, false) }, cancellationToken);
    }

    /// <summary>The handoff ended in <paramref name="stage"/>.</summary>
    public async Task FinishedAsync(string instanceId, string callId, HandoffStage? stage, CancellationToken cancellationToken)
    {
        if (instanceId != callId || stage is not { } final)
        {
            return;
        }

        var now = time.GetUtcNow();
        var earlier = await ReadAsync(callId, cancellationToken);
        var row = earlier is null
            ? new ListedCall { CallId = callId, ReceivedAt = now, UpdatedAt = now, Stage = final }
            : earlier with { Stage = final, UpdatedAt = now };
        await store.PutJsonAsync(KeyOf(callId), row, cancellationToken);
        Remember(row);
    }

    /// <summary>A reminder was sent again from the console.</summary>
    public async Task RemindedAsync(string callId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await ReadAsync(callId, cancellationToken) is { Approval: { } approval } earlier)
        {
            var row = earlier with { Approval = approval with { RemindedAt = at } };
            await store.PutJsonAsync(KeyOf(callId), row, cancellationToken);
            Remember(row);
        }
    }

    private static ListedApproval ApprovalOf(ApprovalStatus approval) => new()
    {
        RequestedAt = approval.Request.RequestedAt,
        ExpiresAt = approval.Request.ExpiresAt,
        Approvers = [.. approval.Request.Approvers.Select(a => ConsoleWords.Approver(a.Name, a.Approver))],
        RemindedAt = approval.RemindedAt,
        DecidedBy = approval.Decision?.Approver,
        Approved = approval.Decision?.Approved,
        DecidedAt = approval.Decision?.DecidedAt,
        TimedOut = approval.TimedOut,
    };
}
