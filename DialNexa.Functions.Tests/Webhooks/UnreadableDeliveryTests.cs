using System.Net;
using System.Text;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>
/// Finding 1 of issue 14, at the door: a signed delivery the handoff could not read (invalid UTF-8, a string that is not
/// text) is refused with a 400 that says why, instead of being accepted and failing where nobody sees it.
/// </summary>
public sealed class UnreadableDeliveryTests
{
    [Fact]
    public async Task Post_InvalidUtf8InSummary_Is400NamingUtf8AndStoresNothing()
    {
        var (app, _, _, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var body = WithRawBytes(HostileCallApp.Dispute("call_bad_utf8", c => c["summary"] = "before MARKER after"), "MARKER", [0xC3, 0x28]);
            var response = await HostileCallApp.PostAsync(app, body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("call_bad_utf8"));
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, "call_bad_utf8"));
        }
    }

    [Fact]
    public async Task Post_InvalidUtf8InCallId_Is400NotA500()
    {
        var (app, _, _, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var body = WithRawBytes(HostileCallApp.Dispute("call_MARKER"), "MARKER", [0xFF]);
            var response = await HostileCallApp.PostAsync(app, body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Post_LoneSurrogateEscapeInAnyField_Is400NotA500()
    {
        var (app, _, _, _) = await HostileCallApp.StartAsync();
        await using (app)
        {
            var summary = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(HostileCallApp.Dispute("call_surrogate", c => c["summary"] = "MARK")).Replace("MARK", "\\ud800", StringComparison.Ordinal));
            var response = await HostileCallApp.PostAsync(app, summary);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("call_surrogate"));
        }
    }

    /// <summary>The body with the UTF-8 of <paramref name="marker"/> replaced by raw bytes (which may be invalid UTF-8).</summary>
    private static byte[] WithRawBytes(byte[] body, string marker, byte[] raw)
    {
        var needle = Encoding.UTF8.GetBytes(marker);
        var at = body.AsSpan().IndexOf(needle);
        Assert.True(at >= 0);
        return [.. body.AsSpan(0, at), .. raw, .. body.AsSpan(at + needle.Length)];
    }
}
