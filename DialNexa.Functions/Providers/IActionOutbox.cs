namespace DialNexa.Functions.Providers;

/// <summary>
/// Remembers side effects that no provider can deduplicate (a notification email, a Slack post): the first claim of a
/// key wins, durably, so a retried activity never sends the same message twice.
/// </summary>
public interface IActionOutbox
{
    Task<bool> TryClaimAsync(string callId, string key, CancellationToken cancellationToken);
}
