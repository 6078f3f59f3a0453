using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// The handoff app with two configured approvers (each with a Slack member ID) and a Slack signing secret, and a
/// dispute call waiting for their decision; plus a browser-like client for the approval page (cookies, form fields).
/// </summary>
internal static class ApprovalTestApp
{
    public const string CallId = "call_7f3a9c21d4";
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";
    public const string AliceSlack = "U0ALICE";
    public const string BobSlack = "U0BOB";
    public const string SigningSecret = "test-slack-signing-secret";

    public static async Task<(TestApp App, RecordingProvider Paystack, RecordingSlackPoster Slack, JsonElement Status)> StartWaitingAsync(Dictionary<string, string>? extra = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:Approvals:Approvers:0:Email"] = Alice,
            ["DialNexa:Approvals:Approvers:0:Name"] = "Alice Finance",
            ["DialNexa:Approvals:Approvers:0:SlackUserId"] = AliceSlack,
            ["DialNexa:Approvals:Approvers:1:Email"] = Bob,
            ["DialNexa:Approvals:Approvers:1:Name"] = "Bob Controller",
            ["DialNexa:Approvals:Approvers:1:SlackUserId"] = BobSlack,
            ["DialNexa:Approvals:SigningKeys"] = "current-approval-signing-key-0123456789abcdef",
            ["Providers:Slack:SigningSecret"] = SigningSecret,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var (app, paystack, slack) = await HandoffTestApp.StartAsync(settings, configure: configure);
        var body = WebhookSender.Sample("call_ended.completed.dispute.json");
        var accepted = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, CallId);
        return (app, paystack, slack, status);
    }

    /// <summary>The approval link of one approver, as the call's status shows it (path and query, for the app's client).</summary>
    public static string LinkOf(JsonElement status, string approver) =>
        new Uri(status.GetProperty("approval").GetProperty("request").GetProperty("approvers").EnumerateArray()
            .Single(a => a.GetProperty("approver").GetString() == approver).GetProperty("url").GetString()!).PathAndQuery;

    /// <summary>
    /// After a refused or ignored attempt: a moment for anything it might have raised to land, then the call is still
    /// waiting, with no decision counted (when <paramref name="noDecisions"/>) and nothing written.
    /// </summary>
    public static async Task AssertStillUndecidedAsync(TestApp app, RecordingProvider paystack, bool noDecisions = true)
    {
        await Task.Delay(300);
        var after = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
        Assert.Equal("AwaitingApproval", after.GetProperty("stage").GetString());
        if (noDecisions)
        {
            Assert.Empty(after.GetProperty("approval").GetProperty("decisions").EnumerateArray());
        }

        Assert.Empty(paystack.Writes);
    }

    public static string RequestIdOf(JsonElement status) =>
        status.GetProperty("approval").GetProperty("request").GetProperty("requestId").GetString()!;

    /// <summary>A fresh client with its own cookie jar, like one approver's browser.</summary>
    public static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Opens the page and submits its form with a decision, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string link, string decision, string comment = "")
    {
        var page = await PageAsync(await browser.GetAsync(link));
        return await PostFormAsync(browser, link, page, decision, comment);
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string link, IHtmlDocument page, string decision, string comment = "")
    {
        var fields = page.QuerySelectorAll("form input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("decision", decision));
        fields.Add(new("comment", comment));
        return browser.PostAsync(link, new FormUrlEncodedContent(fields));
    }
}
