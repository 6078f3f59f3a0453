using System.Net;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Support;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// Finding 19 of issue 14: a decision submitted while the store cannot write is answered 503 with Retry-After and a
/// page that says to try again; nothing is half-decided, and the same link decides once the store is back.
/// </summary>
public sealed class ApprovalOutageTests
{
    [Fact]
    public async Task Decide_WhileTheStoreCannotWrite_Is503WithRetryAfter_AndTheSameLinkDecidesOnceItRecovers()
    {
        Func<SwitchableAppDataStore>? store = null;
        var (app, paystack, _, status) = await StartWaitingAsync(configure: builder => store = SwitchableAppDataStore.Install(builder));
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            var page = await PageAsync(await browser.GetAsync(link));

            store!().WritesFail = true;
            var refused = await PostFormAsync(browser, link, page, "approve", "looks right");
            store().WritesFail = false;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("try again", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("nothing was recorded", html, StringComparison.OrdinalIgnoreCase);
            await AssertStillUndecidedAsync(app, paystack);

            var accepted = await PostFormAsync(browser, link, page, "approve", "looks right");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal(Alice, done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }
}
