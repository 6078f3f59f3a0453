using System.Net;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Support;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>Finding 3 of issue 14: what an approver types is redacted like a transcript before it is kept or shown.</summary>
public sealed class ApprovalCommentTests
{
    [Fact]
    public async Task Decide_CommentWithACardNumberAndAnSsn_KeepsAndShowsItRedacted()
    {
        var (app, _, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var response = await SubmitAsync(browser, LinkOf(status, Alice), "approve", "Customer read card 4111 1111 1111 1111 and SSN 123-45-6789 to me; approved.");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            var comment = done.GetProperty("approval").GetProperty("decision").GetProperty("comment").GetString();
            Assert.Contains("[CARD_NUMBER]", comment, StringComparison.Ordinal);
            Assert.Contains("[SSN]", comment, StringComparison.Ordinal);
            Assert.Contains("approved.", comment, StringComparison.Ordinal);

            var shown = done.ToString() + await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{CallId}?showHistory=true&showHistoryOutput=true&showInput=true");
            Assert.DoesNotContain("4111 1111 1111 1111", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("123-45-6789", shown, StringComparison.Ordinal);
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, "4111 1111 1111 1111"));
            Assert.Empty(StoredRows.Mentioning(app.DataDirectory, "123-45-6789"));
        }
    }
}
