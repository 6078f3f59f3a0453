using System.Text;
using DialNexa.Functions.AppData;
using Microsoft.AspNetCore.DataProtection;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// Keeps a call's pre-signed recording URL apart, encrypted like the inbox: the URL is a bearer link to audio that
/// holds whatever the caller read aloud, so no history, status, note or alert ever carries it; only the admin-gated
/// <c>/api/calls/{id}/recording</c> redirect reads it back.
/// </summary>
internal sealed class CallRecordingStore(IDataProtectionProvider dataProtection, IAppDataStore store)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("DialNexa.Handoff.Recording.v1");

    /// <summary>Keeps the URL of the latest delivery that carried one (a later event may bring a freshly signed URL).</summary>
    public Task SaveAsync(string callId, string url, CancellationToken cancellationToken) =>
        store.PutAsync(KeyOf(callId), _protector.Protect(Encoding.UTF8.GetBytes(url)), cancellationToken);

    public async Task<string?> ReadAsync(string callId, CancellationToken cancellationToken) =>
        await store.GetAsync(KeyOf(callId), cancellationToken) is { } stored
            ? Encoding.UTF8.GetString(_protector.Unprotect(stored.ToArray()))
            : null;

    private static AppDataKey KeyOf(string callId) => AppDataKey.ForCall(AppDataKinds.RecordingUrl, callId, "latest");
}
