using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// What follows a decision: a rejection of a call whose caller was promised an answer opens a follow-up (review item
/// and Slack alert) instead of ending quietly; one without a promise completes; in dry run the page and its
/// confirmation say plainly that nothing is sent, and the recorded dry-run request is the one the page listed.
/// </summary>
public sealed class ApprovalFollowUpTests
{
    private const string NoPromise =
        "Agent: Thanks for calling Northwind billing, this is Ava. How can I help?\n" +
        "User: Hi, I'm Dana Whitfield. I was charged twice for invoice INV-20931, two charges of $249.00 on March 3rd.\n" +
        "Agent: I'm sorry about that. Can you confirm the email on the account?\n" +
        "User: Sure, it's dana.whitfield@example.com.\n" +
        "Agent: Thank you for calling Northwind.";

    [Fact]
    public async Task Reject_CallWithPromiseToCaller_OpensReviewItemAndSlackAlert()
    {
        await using var live = await LiveProvidersApp.StartAsync();
        live.Platforms.AddAltovizContact("marcus.bell@example.com", "Marcus", "Bell");
        await live.PostAsync("call_refund_2", LiveProvidersApp.RefundTranscript);
        var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(live.App.Http, "call_refund_2");
        using var browser = Browser(live.App);
        var link = new Uri(waiting.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!).PathAndQuery;

        var answered = await SubmitAsync(browser, link, "reject", "Refunds for annual plans need the account manager.");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var confirmation = (await PageAsync(answered)).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("Nothing will be written. The caller was promised", confirmation, StringComparison.Ordinal);
        Assert.Contains("by Fri 6 Mar 2026", confirmation, StringComparison.Ordinal);
        Assert.Contains("the call goes to the review queue", confirmation, StringComparison.Ordinal);

        var done = await HandoffTestApp.WaitForCompletionAsync(live.App.Http, "call_refund_2");
        Assert.Equal("InReview", done.GetProperty("stage").GetString());
        Assert.Empty(done.GetProperty("actions").EnumerateArray());
        Assert.Equal(0, live.Platforms.Effects("POST /paystack/customer"));
        var reason = Assert.Single(done.GetProperty("review").EnumerateArray()).GetString()!;
        Assert.Contains("Finance rejected the request (alice@example.com), so nothing was written", reason, StringComparison.Ordinal);
        Assert.Contains("finance will confirm it by Friday", reason, StringComparison.Ordinal);
        Assert.Contains("Tell the caller what happens next.", reason, StringComparison.Ordinal);

        var queue = await live.App.Http.GetFromJsonAsync<JsonElement>("/api/review");
        Assert.Contains(queue.GetProperty("calls").EnumerateArray(), i => i.GetProperty("callId").GetString() == "call_refund_2");
        await Poll.UntilAsync(() => Task.FromResult(live.SlackPosts.Any(p => p.Contains("call_refund_2", StringComparison.Ordinal) && p.Contains("needs review", StringComparison.Ordinal) && p.Contains("Tell the caller", StringComparison.Ordinal))), "a Slack alert for the rejected call");
        Assert.Contains(live.SlackPosts, p => p.Contains("rejected by alice@example.com", StringComparison.Ordinal) && p.Contains("the caller was promised an answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reject_CallWithoutPromise_CompletesWithNothingWritten()
    {
        await using var live = await LiveProvidersApp.StartAsync();
        live.Platforms.AddPaystackCustomer("dana.whitfield@example.com");
        await live.PostAsync("call_dispute_3", NoPromise);
        var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(live.App.Http, "call_dispute_3");
        Assert.False(waiting.GetProperty("approval").GetProperty("request").TryGetProperty("agentPromise", out var promise) && promise.ValueKind == JsonValueKind.String);
        using var browser = Browser(live.App);
        var link = new Uri(waiting.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!).PathAndQuery;

        var answered = await SubmitAsync(browser, link, "reject");
        Assert.EndsWith("Nothing will be written.", (await PageAsync(answered)).QuerySelector("[role=status]")!.TextContent.Trim(), StringComparison.Ordinal);
        var done = await HandoffTestApp.WaitForCompletionAsync(live.App.Http, "call_dispute_3");
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        Assert.Empty(done.GetProperty("review").EnumerateArray());
        var queue = await live.App.Http.GetFromJsonAsync<JsonElement>("/api/review");
        Assert.DoesNotContain(queue.GetProperty("calls").EnumerateArray(), i => i.GetProperty("callId").GetString() == "call_dispute_3");
    }

    [Fact]
    public async Task ApprovalPage_DryRunProvider_SaysNothingIsSentAndListsTheRecordedRequest()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = Alice,
        });
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
        var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, CallId);
        using var browser = Browser(app);
        var link = LinkOf(waiting, Alice);
        var page = await PageAsync(await browser.GetAsync(link));
        var text = page.Body!.TextContent;
        Assert.Contains("Dry run. Paystack is in dry run here: approving sends nothing there", page.QuerySelector(".dry[role=note]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("What would be sent (dry run)", text, StringComparison.Ordinal);
        var section = page.QuerySelector("section.write")!;
        Assert.Equal("DryRun", section.GetAttribute("data-mode"));
        Assert.Contains("Dry run: recorded, not sent to Paystack.", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("Approve (dry run)", page.QuerySelector("button.approve")!.TextContent);
        Assert.Contains("Caller match: 0%. No customer record matched the caller", text, StringComparison.Ordinal);
        Assert.Contains("0% means no record was found", text, StringComparison.Ordinal);
        var listed = section.QuerySelectorAll("tr[data-field]").ToDictionary(r => r.GetAttribute("data-field")!, r => r.GetAttribute("data-sent")!);
        var requestLine = section.QuerySelector("code[data-request]")!.TextContent;

        var answered = await PostFormAsync(browser, link, page, "approve");
        var confirmation = (await PageAsync(answered)).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("Dry run for Paystack: nothing is sent there; the call records each request as it would have been sent.", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("sent now", confirmation, StringComparison.Ordinal);

        var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal("DryRun", action.GetProperty("outcome").GetString());
        var recorded = action.GetProperty("request");
        Assert.Equal($"{recorded.GetProperty("method").GetString()} {recorded.GetProperty("url").GetString()}", requestLine);
        var sent = ApprovalPageReader.RecordedFields(recorded);
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(sent, f => Assert.Equal(ApprovalWrites.Sent(f.Key, f.Value), listed[f.Key]));
    }
}
