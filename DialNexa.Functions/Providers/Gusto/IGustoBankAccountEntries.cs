namespace DialNexa.Functions.Providers.Gusto;

/// <summary>
/// Where the Gusto client finds the bank account finance entered on the approval page for a call (kept encrypted until
/// it is sent), and forgets it once Gusto holds it, refused it, or dry run rendered it.
/// </summary>
public interface IGustoBankAccountEntries
{
    /// <summary>The entered account, or null when none was entered (or it was sent and forgotten already).</summary>
    Task<GustoBankAccountEntry?> ReadAsync(string callId, CancellationToken cancellationToken);

    Task ForgetAsync(string callId, CancellationToken cancellationToken);
}
