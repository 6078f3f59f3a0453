using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DialNexa.Functions.OperationsConsole;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>The app with an admin key and the console's list read fresh on every page, plus a browser-like client that signs in.</summary>
internal static class ConsoleTestApp
{
    public const string AdminKey = "console-test-admin-key-0123456789";

    /// <summary>The handoff test app (Paystack knows <paramref name="knownEmail"/>), its HTTP client sending the admin key.</summary>
    public static async Task<(TestApp App, RecordingProvider Paystack, RecordingSlackPoster Slack)> StartAsync(string knownEmail = HandoffTestApp.KnownEmail, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:AdminKey"] = AdminKey,
            ["DialNexa:Console:ListRefresh"] = "00:00:00",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var (app, paystack, slack) = await HandoffTestApp.StartAsync(settings, knownEmail);
        app.Http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return (app, paystack, slack);
    }

    /// <summary>The dispute sample as another call: its ID, and its email, invoice, amount and name wherever they are said.</summary>
    public static byte[] Call(string id, string email, string invoice, string amount, string name = "Dana Whitfield")
    {
        var sample = System.Text.Encoding.UTF8.GetString(WebhookSender.Sample("call_ended.completed.dispute.json"))
            .Replace("dana.whitfield@example.com", email, StringComparison.Ordinal)
            .Replace("Dana Whitfield", name.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("INV-20931", invoice, StringComparison.Ordinal)
            .Replace("249.00", amount, StringComparison.Ordinal);
        var body = JsonNode.Parse(sample)!;
        var call = body["payload"]!["call"]!;
        call["id"] = id;
        var analysis = call["post_call_analysis"]!;
        analysis["customer_email"] = email;
        analysis["invoice_number"] = invoice;
        analysis["amount"] = amount;
        analysis["customer_name"] = name;
        return System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static async Task PostAsync(TestApp app, byte[] body)
    {
        var accepted = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, like a browser whose steps the test reads.</summary>
    public static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Opens the sign-in form and posts the key with its token; returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key = AdminKey, string zone = "UTC")
    {
        var form = await PageAsync(await browser.GetAsync("/console/sign-in"));
        return await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(
        [
            new(ConsoleSessions.TokenField, TokenOf(form)),
            new("key", key),
            new("zone", zone),
        ]));
    }

    public static async Task<HttpClient> SignedInAsync(TestApp app)
    {
        var browser = Browser(app);
        var signedIn = await SignInAsync(browser);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        return browser;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static string TokenOf(IHtmlDocument page) =>
        page.QuerySelector($"input[name={ConsoleSessions.TokenField}]")!.GetAttribute("value")!;

    /// <summary>Waits until the call's handoff has finished, as the status API says.</summary>
    public static Task<JsonElement> FinishedAsync(TestApp app, string callId) => HandoffTestApp.WaitForCompletionAsync(app.Http, callId);
}
