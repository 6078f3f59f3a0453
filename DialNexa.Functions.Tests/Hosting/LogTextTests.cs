using DialNexa.Functions.Hosting.Logging;

namespace DialNexa.Functions.Tests.Hosting;

/// <summary>What every log line goes through (findings 6 and 9 of issue 14).</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://localhost:7071/api/calls/call_1?code=admin-key-123 - - -", "admin-key-123", "/api/calls/call_1?***")]
    [InlineData("Executing RedirectResult, redirecting to https://rec.blob.core.windows.net/r/call_1.wav?sv=2024&sig=abc%2Fdef.", "sig=abc", "call_1.wav?***")]
    [InlineData("Request finished HTTP/1.1 POST http://localhost:7071/api/approvals/v1.abc.DEF_ghi - 200", "v1.abc.DEF_ghi", "/api/approvals/***")]
    [InlineData("Sending HTTP request POST https://hooks.slack.com/services/T000/B000/XXXXSECRET", "XXXXSECRET", "hooks.slack.com/services/***")]
    [InlineData("GET https://api.plisio.net/api/v1/invoices/new?api_key=sk_live_1&order=2", "sk_live_1", "/invoices/new?***")]
    public void Scrub_SecretsInUrls_AreRemovedAndTheRestStays(string line, string secret, string kept)
    {
        var scrubbed = LogText.Scrub(line);
        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
        Assert.Contains(kept, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call\u2028Error: forged", "call\\u2028Error: forged")]
    [InlineData("abc\u202Efdp.exe", "abc\\u202Efdp.exe")]
    [InlineData("a\r\nb\tc\u0000d\u001B[31m", "a\\u000D\\u000Ab\\u0009c\\u0000d\\u001B[31m")]
    [InlineData("zero\u200Bwidth\uFEFF", "zero\\u200Bwidth\\uFEFF")]
    [InlineData("emoji 😀 and é stay; is it done? yes.", "emoji 😀 and é stay; is it done? yes.")]
    public void Scrub_UnsafeCharacters_AreEscapedAndOtherTextIsKept(string line, string expected) =>
        Assert.Equal(expected, LogText.Scrub(line));

    [Fact]
    public void Scrub_LoneSurrogate_IsEscaped() =>
        Assert.Equal("lone \\uD800 surrogate", LogText.Scrub("lone " + (char)0xD800 + " surrogate"));
}
