using System.Text.Json.Nodes;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Redaction;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Looks at and decides approval requests for the page and for Slack. Looking never decides. Deciding checks that
/// the approver is configured and named on the request, the link is unexpired and unused, the request unsettled
/// and the call still waiting (and, to approve a new company bank account, that its numbers were entered on the
/// page); then claims the outcome (when this vote settles it) and the vote, and raises
/// <c>FinanceApproval</c> with who, what, when and how. Decisions on one request are serialised in this process;
/// the store's insert-if-new claims keep them single across processes.
/// </summary>
internal sealed partial class ApprovalDecisions(ApprovalStore store, BankAccountEntries bankAccounts, IDurableClientSource clients, IOptionsMonitor<ApprovalsOptions> options, TranscriptRedactor redactor, TimeProvider time, ILogger<ApprovalDecisions> logger)
{
    private static readonly SemaphoreSlim[] Gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<ApprovalResult> InspectAsync(ApprovalTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var request = await store.GetRequestAsync(ticket.CallId, ticket.RequestId, cancellationToken);
        if (request is null || request.CallId != ticket.CallId || !request.IsApprover(ticket.Approver) || options.CurrentValue.FindByEmail(ticket.Approver) is null)
        {
            return ApprovalResult.NotFound;
        }

        if (time.GetUtcNow() >= ticket.ExpiresAt)
        {
            return new ApprovalResult(ApprovalState.Expired, request, ticket);
        }

        var outcome = await store.GetOutcomeAsync(ticket.CallId, ticket.RequestId, cancellationToken);
        if (await store.GetVoteAsync(ticket.CallId, ticket.RequestId, ticket.Approver, cancellationToken) is { } mine)
        {
            return new ApprovalResult(ApprovalState.AlreadyUsed, request, ticket, mine, outcome);
        }

        if (outcome is not null)
        {
            await RedeliverIfLostAsync(request, outcome, cancellationToken);
            return new ApprovalResult(ApprovalState.AlreadyDecided, request, ticket, Earlier: outcome);
        }

        return await IsWaitingAsync(request, cancellationToken)
            ? new ApprovalResult(ApprovalState.Open, request, ticket, Approvals: await CountApprovalsAsync(request, ticket.Approver, cancellationToken))
            : new ApprovalResult(ApprovalState.Closed, request, ticket);
    }

    public async Task<ApprovalResult> DecideAsync(ApprovalTicket ticket, bool approved, string? comment, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var gate = Gates[(int)((uint)StringComparer.Ordinal.GetHashCode(ticket.RequestId) % Gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var look = await InspectAsync(ticket, cancellationToken);
            if (look.State != ApprovalState.Open)
            {
                return look;
            }

            var request = look.Request!;
            if (approved && request.Writes.Any(w => w.NeedsBankAccountEntry) && await bankAccounts.DescribeAsync(request.CallId, cancellationToken) is null)
            {
                return look with { State = ApprovalState.BankAccountNeeded };
            }

            var approver = options.CurrentValue.FindByEmail(ticket.Approver)!;
            // An approver may type what the caller read out: the comment is kept, raised and shown redacted, as a transcript is.
            var kept = string.IsNullOrWhiteSpace(comment) ? null : redactor.Redact(comment.Trim()).Text;
            var vote = new FinanceApproval(approved, approver.Email, kept, time.GetUtcNow(), request.RequestId, channel);
            var approvals = look.Approvals + (approved ? 1 : 0);
            var settles = !approved || approvals >= request.Quorum;
            if (settles && !await store.TryAddOutcomeAsync(request.CallId, vote, cancellationToken))
            {
                return new ApprovalResult(ApprovalState.AlreadyDecided, request, ticket, Earlier: await store.GetOutcomeAsync(request.CallId, request.RequestId, cancellationToken));
            }

            bool voted;
            try
            {
                voted = await store.TryAddVoteAsync(request.CallId, vote, cancellationToken);
            }
            catch when (settles)
            {
                // Nothing half-decided: the outcome without its vote is taken back before the failure is reported.
                await store.RemoveOutcomeAsync(request.CallId, request.RequestId, CancellationToken.None);
                throw;
            }

            if (!voted)
            {
                if (settles)
                {
                    await store.RemoveOutcomeAsync(request.CallId, request.RequestId, cancellationToken);
                }

                return new ApprovalResult(ApprovalState.AlreadyUsed, request, ticket, await store.GetVoteAsync(request.CallId, request.RequestId, ticket.Approver, cancellationToken));
            }

            // The request was open a moment ago (InspectAsync). Should the call time out in between, the event finds no
            // waiter and the call's status shows the timeout: the vote stays recorded, as what the approver did.
            await clients.Client.RaiseEventAsync(request.CallId, CallHandoffOrchestrator.FinanceApprovalEventName, vote, cancellationToken);

            if (settles && !approved)
            {
                // A rejected request sends nothing: a bank account typed for it by an earlier approver goes now.
                await bankAccounts.ForgetAsync(request.CallId, cancellationToken);
            }

            Decided(logger, request.CallId, approved ? "approved" : "rejected", channel, approvals, request.Quorum);
            return new ApprovalResult(ApprovalState.Recorded, request, ticket, vote, settles ? vote : null, approvals);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A settled decision whose event never reached the orchestration (the process stopped between claiming the
    /// outcome and raising it) is raised again when the request is next looked at. The orchestration counts each
    /// approver once, so a repeat in the normal race is only noted as ignored.
    /// </summary>
    private async Task RedeliverIfLostAsync(ApprovalRequest request, FinanceApproval outcome, CancellationToken cancellationToken)
    {
        var status = await WaitingStatusAsync(request, cancellationToken);
        var decisions = status?["approval"]?["decisions"] as JsonArray;
        if (status is null || (decisions?.Any(d => string.Equals(d?["approver"]?.GetValue<string>(), outcome.Approver, StringComparison.OrdinalIgnoreCase)) ?? false))
        {
            return;
        }

        await clients.Client.RaiseEventAsync(request.CallId, CallHandoffOrchestrator.FinanceApprovalEventName, outcome, cancellationToken);
        Redelivered(logger, request.CallId);
    }

    /// <summary>True while the call's orchestration waits for this request's decision.</summary>
    private async Task<bool> IsWaitingAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        await WaitingStatusAsync(request, cancellationToken) is not null;

    /// <summary>The call's custom status while it waits for this request's decision; null once it does not.</summary>
    private async Task<JsonNode?> WaitingStatusAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        var instance = await clients.Client.GetInstanceAsync(request.CallId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended))
        {
            return null;
        }

        var status = instance.SerializedCustomStatus is { } json ? JsonNode.Parse(json) : null;
        if (status?["stage"]?.GetValue<string>() != nameof(HandoffStage.AwaitingApproval))
        {
            return null;
        }

        var approval = status["approval"];
        var waiting = approval is null || (approval["request"]?["requestId"]?.GetValue<string>() == request.RequestId
            && approval["timedOut"]?.GetValue<bool>() != true
            && approval["decision"] is null);
        return waiting ? status : null;
    }

    private async Task<int> CountApprovalsAsync(ApprovalRequest request, string except, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var other in request.Approvers.Where(a => !string.Equals(a.Approver, except, StringComparison.OrdinalIgnoreCase)))
        {
            if (await store.GetVoteAsync(request.CallId, request.RequestId, other.Approver, cancellationToken) is { Approved: true })
            {
                count++;
            }
        }

        return count;
    }

    [LoggerMessage(2203, LogLevel.Warning, "Call {CallId}: a settled approval had not reached the orchestration; raised it again.")]
    private static partial void Redelivered(ILogger logger, string callId);

    [LoggerMessage(2200, LogLevel.Information, "Call {CallId}: finance {Decision} through {Channel} ({Approvals} of {Quorum} approvals).")]
    private static partial void Decided(ILogger logger, string callId, string decision, string channel, int approvals, int quorum);
}
