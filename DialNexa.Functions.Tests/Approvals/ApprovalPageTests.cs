using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

public sealed class ApprovalPageTests
{
    [Fact]
    public async Task Get_OpenLink_ShowsRedactedRequestAndNeverDecides()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            for (var i = 0; i < 3; i++)
            {
                var response = await browser.GetAsync(link);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
                Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
                var page = await PageAsync(response);
                var text = page.Body!.TextContent;
                Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
                Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
                Assert.Empty(page.QuerySelectorAll("script"));
                Assert.Contains("Alice Finance", text, StringComparison.Ordinal);
                Assert.Contains("d***@example.com", text, StringComparison.Ordinal);
                Assert.Contains("249.00 USD", text, StringComparison.Ordinal);
                Assert.Contains("Dispute calls always need finance approval", text, StringComparison.Ordinal);
                Assert.DoesNotContain("dana.whitfield@example.com", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
                Assert.Equal("comment", page.QuerySelector("label")!.GetAttribute("for"));
                Assert.Equal(2, page.QuerySelectorAll("form[method=post] button[type=submit][name=decision]").Length);
                Assert.NotNull(page.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
            }

            // Link scanners send HEAD and GET; neither may count as a decision.
            await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
            await AssertStillUndecidedAsync(app, paystack);
        }
    }

    [Fact]
    public async Task Post_Approve_RaisesDecisionWithWhoWhatWhenAndShowsOutcome()
    {
        var (app, paystack, slack, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var response = await SubmitAsync(browser, LinkOf(status, Alice), "approve", "Checked the duplicate charge.");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PageAsync(response);
            Assert.Equal("Approved", page.QuerySelector("h1")!.TextContent);
            Assert.Contains("The requests to Paystack are sent now.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var decision = done.GetProperty("approval").GetProperty("decision");
            Assert.True(decision.GetProperty("approved").GetBoolean());
            Assert.Equal(Alice, decision.GetProperty("approver").GetString());
            Assert.Equal("Checked the duplicate charge.", decision.GetProperty("comment").GetString());
            Assert.Equal("link", decision.GetProperty("channel").GetString());
            Assert.True(DateTimeOffset.UtcNow - decision.GetProperty("decidedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
            Assert.Single(done.GetProperty("approval").GetProperty("decisions").EnumerateArray());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
            Assert.Contains("approved by alice@example.com", done.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.True(slack.Writes.ContainsKey(RecordingSlackPoster.Key(CallId, SlackMessageKind.Alert)));
            var history = await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{CallId}?showHistory=true");
            Assert.Contains("FinanceApproval", history, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_Replayed_ShowsEarlierDecisionAndCountsOnce()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            var page = await PageAsync(await browser.GetAsync(link));
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(browser, link, page, "approve")).StatusCode);
            var replay = await PostFormAsync(browser, link, page, "reject");
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            Assert.Contains("You already approved this request", (await PageAsync(replay)).Body!.TextContent, StringComparison.Ordinal);

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Single(done.GetProperty("approval").GetProperty("decisions").EnumerateArray());
            Assert.True(done.GetProperty("approval").GetProperty("decision").GetProperty("approved").GetBoolean());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedAndDecidesNothing()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            await browser.GetAsync(link);
            var forged = await browser.PostAsync(link, new FormUrlEncodedContent([new("decision", "approve")]));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            var json = await browser.PostAsync(link, new StringContent("{\"decision\":\"approve\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
            await AssertStillUndecidedAsync(app, paystack, noDecisions: false);

            // The same approver can still decide properly afterwards.
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(browser, link, "reject")).StatusCode);
        }
    }

    [Fact]
    public async Task Link_Expired_Answers410WithPageSayingSo()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            var tokens = app.Services.GetRequiredService<ApprovalTokens>();
            var expiredAt = DateTimeOffset.UtcNow.AddMinutes(-5);
            var token = tokens.Issue(new ApprovalTicket(CallId, RequestIdOf(status), Alice, expiredAt));
            using var browser = Browser(app);
            var shown = await browser.GetAsync("/api/approvals/" + token);
            Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
            var text = (await PageAsync(shown)).Body!.TextContent;
            Assert.Contains("This approval link has expired", text, StringComparison.Ordinal);
            Assert.Contains(expiredAt.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            Assert.DoesNotContain("249.00", text, StringComparison.Ordinal);
            var posted = await browser.PostAsync("/api/approvals/" + token, new FormUrlEncodedContent([new("decision", "approve")]));
            Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Link_TamperedOrForged_Answers404RevealingNothing()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            var token = link["/api/approvals/".Length..];
            var parts = token.Split('.');
            var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '=')));
            var swapped = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload.Replace(Alice, Bob, StringComparison.Ordinal))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            string[] bad =
            [
                $"{parts[0]}.{swapped}.{parts[2]}",
                $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}",
                $"00000000.{parts[1]}.{parts[2]}",
                "not-a-token",
                parts[1],
            ];
            var bodies = new HashSet<string>(StringComparer.Ordinal);
            foreach (var forged in bad)
            {
                var shown = await browser.GetAsync("/api/approvals/" + forged);
                Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
                var html = await shown.Content.ReadAsStringAsync();
                bodies.Add(html);
                Assert.DoesNotContain(CallId, html, StringComparison.Ordinal);
                Assert.DoesNotContain("expired", html, StringComparison.OrdinalIgnoreCase);
                var posted = await browser.PostAsync("/api/approvals/" + forged, new FormUrlEncodedContent([new("decision", "approve")]));
                Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
                bodies.Add(await posted.Content.ReadAsStringAsync());
            }

            Assert.Single(bodies);
            var after = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
            Assert.Empty(after.GetProperty("approval").GetProperty("decisions").EnumerateArray());
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Link_ForSomeoneNotAnApproverOfTheRequest_Answers404AndDecidesNothing()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            // Even a correctly signed link only counts for an approver named on the request and configured now.
            var tokens = app.Services.GetRequiredService<ApprovalTokens>();
            var token = tokens.Issue(new ApprovalTicket(CallId, RequestIdOf(status), "mallory@example.com", DateTimeOffset.UtcNow.AddHours(1)));
            using var browser = Browser(app);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/approvals/" + token)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/api/approvals/" + token, new FormUrlEncodedContent([new("decision", "approve")]))).StatusCode);
            var otherCall = tokens.Issue(new ApprovalTicket("call_other", RequestIdOf(status), Alice, DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/approvals/" + otherCall)).StatusCode);

            // A decision raised straight into the orchestration by someone who is not an approver does not count either.
            await HandoffTestApp.DecideAsync(app.Http, CallId, approved: true);
            await Task.Delay(500);
            var after = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
            Assert.Equal("AwaitingApproval", after.GetProperty("stage").GetString());
            Assert.Contains(after.GetProperty("approval").GetProperty("ignored").EnumerateArray(), i => i.GetString()!.Contains("finance.lead@example.com is not an approver", StringComparison.Ordinal));
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Post_AfterTimeout_Answers410AndWritesNothing()
    {
        var (app, paystack, slack, status) = await StartWaitingAsync(new() { ["DialNexa:Handoff:ApprovalTimeout"] = "00:00:02" });
        await using (app)
        {
            using var browser = Browser(app);
            var link = LinkOf(status, Alice);
            var page = await PageAsync(await browser.GetAsync(link));
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("InReview", done.GetProperty("stage").GetString());
            Assert.True(done.GetProperty("approval").GetProperty("timedOut").GetBoolean());
            Assert.NotEqual(JsonValueKind.Null, done.GetProperty("approval").GetProperty("remindedAt").ValueKind);
            Assert.Equal(2, slack.Writes[RecordingSlackPoster.Key(CallId, SlackMessageKind.ApprovalRequest)]);
            Assert.True(slack.Writes.ContainsKey(RecordingSlackPoster.Key(CallId, SlackMessageKind.Alert)));
            Assert.Contains(CallId, await app.Http.GetStringAsync("/api/review"), StringComparison.Ordinal);

            var late = await PostFormAsync(browser, link, page, "approve");
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
            Assert.Contains("expired", (await PageAsync(late)).Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Post_AfterEscalationWhileLinkStillValid_Answers410Closed()
    {
        var (app, paystack, _, status) = await StartWaitingAsync(new() { ["DialNexa:Handoff:ApprovalTimeout"] = "00:00:02" });
        await using (app)
        {
            await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            var tokens = app.Services.GetRequiredService<ApprovalTokens>();
            var stillValid = tokens.Issue(new ApprovalTicket(CallId, RequestIdOf(status), Alice, DateTimeOffset.UtcNow.AddHours(1)));
            using var browser = Browser(app);
            var shown = await browser.GetAsync("/api/approvals/" + stillValid);
            Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
            Assert.Contains("This request is closed", (await PageAsync(shown)).Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(paystack.Writes);
        }
    }

    [Fact]
    public async Task Post_TwoApproversRacing_FirstDecisionWinsAndSecondSeesWhoDecided()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            using var alice = Browser(app);
            using var bob = Browser(app);
            var aliceLink = LinkOf(status, Alice);
            var bobLink = LinkOf(status, Bob);
            var alicePage = await PageAsync(await alice.GetAsync(aliceLink));
            var bobPage = await PageAsync(await bob.GetAsync(bobLink));
            var answers = await Task.WhenAll(PostFormAsync(alice, aliceLink, alicePage, "approve"), PostFormAsync(bob, bobLink, bobPage, "reject"));
            var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            var lost = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
            var winner = won == answers[0] ? "Alice Finance" : "Bob Controller";
            var lostText = (await PageAsync(lost)).Body!.TextContent;
            Assert.Contains($"{winner} {(won == answers[0] ? "approved" : "rejected")} this request first", lostText, StringComparison.Ordinal);

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            var decisions = done.GetProperty("approval").GetProperty("decisions").EnumerateArray().ToList();
            Assert.Single(decisions);
            Assert.Equal(won == answers[0] ? Alice : Bob, decisions[0].GetProperty("approver").GetString());
            Assert.Equal(won == answers[0] ? 1 : 0, paystack.Writes.GetValueOrDefault($"{CallId}:PaystackCreateCustomer"));
        }
    }

    [Fact]
    public async Task Link_AfterKeyRotationAndRestart_StillOpensAndDecides()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialnexa-app-tests", Guid.NewGuid().ToString("N"));
        string link;
        var (first, _, _, status) = await StartWaitingAsync(new() { ["DialNexa:DataDirectory"] = directory });
        await using (first)
        {
            link = LinkOf(status, Alice);
        }

        // The same store after a restart, with a new signing key in front of the one the open link was signed with.
        var (second, paystack, _) = await HandoffTestApp.StartAsync(new()
        {
            ["DialNexa:DataDirectory"] = directory,
            ["DialNexa:Approvals:SigningKeys"] = "next-approval-signing-key-9876543210fedcba,current-approval-signing-key-0123456789abcdef",
            ["DialNexa:Approvals:Approvers:0:Email"] = Alice,
            ["DialNexa:Approvals:Approvers:0:Name"] = "Alice Finance",
        });
        await using (second)
        {
            using var browser = Browser(second);
            var shown = await browser.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(browser, link, "approve")).StatusCode);
            var done = await HandoffTestApp.WaitForCompletionAsync(second.Http, CallId);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }

    [Fact]
    public async Task Decision_ClaimedButNeverRaised_IsRaisedWhenTheRequestIsNextOpened()
    {
        var (app, paystack, _, status) = await StartWaitingAsync();
        await using (app)
        {
            // As if the process stopped between claiming Alice's decision and raising it.
            var store = app.Services.GetRequiredService<ApprovalStore>();
            var lost = new FinanceApproval(true, Alice, null, DateTimeOffset.UtcNow, RequestIdOf(status), "link");
            Assert.True(await store.TryAddOutcomeAsync(CallId, lost, CancellationToken.None));
            Assert.True(await store.TryAddVoteAsync(CallId, lost, CancellationToken.None));

            using var bob = Browser(app);
            var shown = await bob.GetAsync(LinkOf(status, Bob));
            Assert.Contains("Alice Finance approved this request first", (await PageAsync(shown)).Body!.TextContent, StringComparison.Ordinal);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal(Alice, done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }

    [Fact]
    public async Task Quorum_TwoApprovalsNeeded_WritesOnlyAfterBoth()
    {
        var (app, paystack, _, status) = await StartWaitingAsync(new() { ["DialNexa:Approvals:Quorum"] = "2" });
        await using (app)
        {
            using var alice = Browser(app);
            var first = await SubmitAsync(alice, LinkOf(status, Alice), "approve");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("1 of 2 approvals are in", (await PageAsync(first)).Body!.TextContent, StringComparison.Ordinal);
            await Task.Delay(500);
            var between = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
            Assert.Equal("AwaitingApproval", between.GetProperty("stage").GetString());
            Assert.Single(between.GetProperty("approval").GetProperty("decisions").EnumerateArray());
            Assert.Empty(paystack.Writes);

            using var bob = Browser(app);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(bob, LinkOf(status, Bob), "approve")).StatusCode);
            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            Assert.Equal($"{Alice}, {Bob}", done.GetProperty("approval").GetProperty("decision").GetProperty("approver").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
        }
    }
}
