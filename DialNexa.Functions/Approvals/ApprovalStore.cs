using System.Text.Json;
using DialNexa.Durable;
using DialNexa.Durable.Core;
using DialNexa.Durable.Storage;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Approval requests and their decisions on the durable store's payloads: the request as the page shows it, one vote
/// per approver (inserted only if new, so each link decides once) and the outcome (inserted only if new, so the first
/// deciding vote wins across processes).
/// </summary>
internal sealed class ApprovalStore(DurableTaskClient client)
{
    public Task SaveRequestAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        client.PutPayloadAsync(new StoredPayload(RequestKey(request.RequestId), JsonSerializer.SerializeToUtf8Bytes(request, DurableJson.Options)), cancellationToken);

    public Task<ApprovalRequest?> GetRequestAsync(string requestId, CancellationToken cancellationToken) =>
        ReadAsync<ApprovalRequest>(RequestKey(requestId), cancellationToken);

    public Task<FinanceApproval?> GetVoteAsync(string requestId, string approver, CancellationToken cancellationToken) =>
        ReadAsync<FinanceApproval>(VoteKey(requestId, approver), cancellationToken);

    public Task<FinanceApproval?> GetOutcomeAsync(string requestId, CancellationToken cancellationToken) =>
        ReadAsync<FinanceApproval>(OutcomeKey(requestId), cancellationToken);

    public Task<bool> TryAddVoteAsync(FinanceApproval vote, CancellationToken cancellationToken) =>
        client.TryAddPayloadAsync(new StoredPayload(VoteKey(vote.RequestId!, vote.Approver), JsonSerializer.SerializeToUtf8Bytes(vote, DurableJson.Options)), cancellationToken);

    public Task<bool> TryAddOutcomeAsync(FinanceApproval outcome, CancellationToken cancellationToken) =>
        client.TryAddPayloadAsync(new StoredPayload(OutcomeKey(outcome.RequestId!), JsonSerializer.SerializeToUtf8Bytes(outcome, DurableJson.Options)), cancellationToken);

    /// <summary>Takes back a vote and outcome that could not be delivered (the call had finished meanwhile).</summary>
    public async Task RemoveAsync(FinanceApproval vote, bool outcome, CancellationToken cancellationToken)
    {
        await client.DeletePayloadAsync(VoteKey(vote.RequestId!, vote.Approver), cancellationToken);
        if (outcome)
        {
            await client.DeletePayloadAsync(OutcomeKey(vote.RequestId!), cancellationToken);
        }
    }

    public Task RemoveOutcomeAsync(string requestId, CancellationToken cancellationToken) =>
        client.DeletePayloadAsync(OutcomeKey(requestId), cancellationToken);

    private static string RequestKey(string requestId) => "approval:" + requestId;

    private static string VoteKey(string requestId, string approver) => $"approval:{requestId}:vote:{approver.ToUpperInvariant()}";

    private static string OutcomeKey(string requestId) => $"approval:{requestId}:outcome";

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        var data = await client.GetPayloadAsync(key, cancellationToken);
        return data is null ? null : JsonSerializer.Deserialize<T>(data.Value.Span, DurableJson.Options);
    }
}
