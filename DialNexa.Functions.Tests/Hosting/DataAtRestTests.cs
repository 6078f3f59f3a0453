using System.Net;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Retention;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>
/// The embedded store's folder holds the hub, the app data, the DataProtection key ring and the generated local keys:
/// on Unix the app creates it, its key ring folder and its secret files for its own user only, so another account on
/// the machine can read none of them (finding 13 of the hardening review).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataAtRestTests
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task EmbeddedStore_DataFolderKeyRingAndLocalSecrets_AreTheAppUsersAlone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-at-rest-tests", Guid.NewGuid().ToString("N"), "data");
        await using (var app = await TestApp.StartAsync(new Dictionary<string, string> { ["DialNexa:WebhookSecrets"] = WebhookSender.Secret }, dataDirectory: directory))
        {
            // A delivery makes the app write an inbox body with the key ring, and its local signing keys.
            var hangup = WebhookSender.Sample("call_ended.hangup.json");
            Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, hangup, WebhookSender.Sign(hangup))).StatusCode);
            await Handoff.HandoffTestApp.WaitForCompletionAsync(app.Http, "call_0be1d77a02");
        }

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(directory) & GroupOrOther);
        var keys = Path.Combine(directory, "keys");
        Assert.True(Directory.Exists(keys), "the key ring folder exists");
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(keys) & GroupOrOther);
        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
        string[] generated = [ApprovalKeyRing.LocalKeyFileName, ErasedCalls.LocalKeyFileName];
        var secrets = generated.Select(name => Path.Combine(directory, name)).Where(File.Exists).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, f => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(f) & GroupOrOther));
    }
}
