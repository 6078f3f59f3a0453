using DialNexa.Functions.AppData;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Approval requests and their decisions, kept under the call: the request as the page shows it, one vote per approver
/// (inserted only if new, so each link decides once) and the outcome (inserted only if new, so the first deciding vote
/// wins across processes). Request IDs begin with the call ID, so a request is found from its ID alone.
/// </summary>
internal sealed class ApprovalStore(IAppDataStore store)
{
    public Task SaveRequestAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        store.PutJsonAsync(RequestKey(request.CallId, request.RequestId), request, cancellationToken);

    public Task<ApprovalRequest?> GetRequestAsync(string callId, string requestId, CancellationToken cancellationToken) =>
        store.GetJsonAsync<ApprovalRequest>(RequestKey(callId, requestId), cancellationToken);

    public Task<FinanceApproval?> GetVoteAsync(string callId, string requestId, string approver, CancellationToken cancellationToken) =>
        store.GetJsonAsync<FinanceApproval>(VoteKey(callId, requestId, approver), cancellationToken);

    public Task<FinanceApproval?> GetOutcomeAsync(string callId, string requestId, CancellationToken cancellationToken) =>
        store.GetJsonAsync<FinanceApproval>(OutcomeKey(callId, requestId), cancellationToken);

    public Task<bool> TryAddVoteAsync(string callId, FinanceApproval vote, CancellationToken cancellationToken) =>
        store.TryAddJsonAsync(VoteKey(callId, vote.RequestId!, vote.Approver), vote, cancellationToken);

    public Task<bool> TryAddOutcomeAsync(string callId, FinanceApproval outcome, CancellationToken cancellationToken) =>
        store.TryAddJsonAsync(OutcomeKey(callId, outcome.RequestId!), outcome, cancellationToken);

    public Task RemoveOutcomeAsync(string callId, string requestId, CancellationToken cancellationToken) =>
        store.DeleteAsync(OutcomeKey(callId, requestId), cancellationToken);

    private static AppDataKey RequestKey(string callId, string requestId) => AppDataKey.ForCall(AppDataKinds.ApprovalRequest, callId, requestId);

    private static AppDataKey VoteKey(string callId, string requestId, string approver) =>
        AppDataKey.ForCall(AppDataKinds.ApprovalVote, callId, $"{requestId}|{approver.ToUpperInvariant()}");

    private static AppDataKey OutcomeKey(string callId, string requestId) => AppDataKey.ForCall(AppDataKinds.ApprovalOutcome, callId, requestId);
}
