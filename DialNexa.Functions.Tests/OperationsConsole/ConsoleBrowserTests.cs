using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Playwright;
using static DialNexa.Functions.Tests.OperationsConsole.ConsoleTestApp;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>
/// The console in Debian's headless Chromium (installed by scripts/install-test-tools.sh): sign in, find a call by
/// email, open its timeline, resolve a review item, export CSV, sign out. Each page's screenshot is saved; set
/// DIALNEXA_CONSOLE_SCREENSHOTS to a folder (docs/console for the README) to keep them.
/// </summary>
public sealed class ConsoleBrowserTests
{
    private static readonly string[] QuietOffline =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    [Fact]
    public async Task Console_InChromium_SignsIn_FindsACallByEmail_ShowsItsTimeline_ResolvesReview_ExportsCsv_AndSignsOut()
    {
        var (app, _, _) = await StartAsync(knownEmail: "lee.parker@example.com");
        await using (app)
        {
            await PostAsync(app, Call("call_7f3a9c21d4", "dana.whitfield@example.com", "INV-20931", "249.00"));
            await PostAsync(app, Call("call_b81e", "lee.parker@example.com", "INV-55120", "80.00", "Lee Parker"));
            await PostAsync(app, Call("call_c2d9", "sam.okafor@example.com", "INV-30412", "1250.00", "Sam Okafor"));
            Assert.Equal("InReview", (await FinishedAsync(app, "call_7f3a9c21d4")).GetProperty("stage").GetString());
            Assert.Equal("InReview", (await FinishedAsync(app, "call_c2d9")).GetProperty("stage").GetString());
            await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, "call_b81e");

            var shots = Environment.GetEnvironmentVariable("DIALNEXA_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder ? folder : app.DataDirectory;
            Directory.CreateDirectory(shots);
            using var playwright = await Playwright.CreateAsync();
            await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = QuietOffline });
            await using var browser = await chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 }, TimezoneId = "America/New_York", AcceptDownloads = true });
            var page = await browser.NewPageAsync();

            // Sign in: the console sends a signed-out visitor to the sign-in page; the browser's zone fills itself in.
            var opened = await page.GotoAsync(app.BaseAddress + "console");
            Assert.Equal(200, opened!.Status);
            Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
            Assert.Equal("America/New_York", await page.GetByLabel("Time zone for times shown").InputValueAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "sign-in.png") });
            await page.GetByLabel("Admin key").FillAsync(AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Calls", Level = 1 }).WaitForAsync();
            Assert.Contains("of 3", await page.Locator("#count").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("New York time", await page.Locator("#count").InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "calls.png"), FullPage = true });

            // Find a call by email: one row, the email masked.
            await page.GetByLabel("Call ID, email, phone, invoice or amount").FillAsync("dana.whitfield@example.com");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.WaitForURLAsync("**/console/calls?q=*");
            var rows = page.Locator("tbody tr");
            Assert.Equal(1, await rows.CountAsync());
            Assert.Contains("d***@example.com", await rows.InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("dana.whitfield@example.com", await page.Locator("table").InnerHTMLAsync(), StringComparison.Ordinal);

            // Its timeline, in words and in the viewer's zone.
            await page.GetByRole(AriaRole.Link, new() { Name = "call_7f3a9c21d4" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Call call_7f3a9c21d4", Level = 1 }).WaitForAsync();
            var timeline = await page.Locator("ol.timeline").InnerTextAsync();
            Assert.Contains("Received: DialNexa's webhook was accepted", timeline, StringComparison.Ordinal);
            Assert.Contains("Redacted:", timeline, StringComparison.Ordinal);
            Assert.Contains("Read the call: dispute of a charge", timeline, StringComparison.Ordinal);
            Assert.Contains("Matched to nobody", timeline, StringComparison.Ordinal);
            Assert.Contains("Sent to the review queue", timeline, StringComparison.Ordinal);
            Assert.Single(timeline.Split('\n'), line => line.Contains("Summary written for the audit trail.", StringComparison.Ordinal));
            Assert.Contains("The handoff ended: In review", timeline, StringComparison.Ordinal);
            Assert.Contains("New York time", timeline, StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "call.png"), FullPage = true });

            // Resolve its review item with a note; the note is kept redacted.
            await page.GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Review", Level = 1 }).WaitForAsync();
            var item = page.Locator("section.item").Filter(new() { HasText = "call_7f3a9c21d4" });
            Assert.Contains("249.00 USD", await item.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Dana Whitfield", await item.InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "review.png"), FullPage = true });
            await item.GetByLabel("Resolved by").FillAsync("ana@finance.example");
            await item.GetByLabel("Note (kept redacted, like a transcript)").FillAsync("Refunded in Paystack by hand; caller read card 4242 4242 4242 4242 again.");
            await item.GetByRole(AriaRole.Button).ClickAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Resolved call_7f3a9c21d4." }).WaitForAsync();
            Assert.Equal(0, await page.Locator("section.item").Filter(new() { HasText = "call_7f3a9c21d4" }).CountAsync());
            var resolvedTable = await page.Locator("table").InnerTextAsync();
            Assert.Contains("ana@finance.example", resolvedTable, StringComparison.Ordinal);
            Assert.DoesNotContain("4242 4242", resolvedTable, StringComparison.Ordinal);
            using (var done = JsonDocument.Parse(await app.Http.GetStringAsync("/api/review?resolved=true")))
            {
                var resolved = Assert.Single(done.RootElement.GetProperty("calls").EnumerateArray());
                Assert.Equal("ana@finance.example", resolved.GetProperty("resolution").GetProperty("resolvedBy").GetString());
            }

            // Approvals waiting and the figures.
            await page.GetByRole(AriaRole.Link, new() { Name = "Approvals waiting" }).ClickAsync();
            var waiting = await page.Locator("tbody").InnerTextAsync();
            Assert.Contains("call_b81e", waiting, StringComparison.Ordinal);
            Assert.Contains("f***@example.com", waiting, StringComparison.Ordinal);
            Assert.DoesNotContain("finance.lead@example.com", await page.Locator("tbody").InnerHTMLAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "approvals.png"), FullPage = true });
            await page.GetByRole(AriaRole.Link, new() { Name = "Trends" }).ClickAsync();
            Assert.Equal(2, await page.Locator("svg[role=img]").CountAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "trends.png"), FullPage = true });

            // Export CSV of a search.
            await page.GotoAsync(app.BaseAddress + "console/calls?stage=InReview");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export these calls as CSV" }).ClickAsync());
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("received_at_utc,call_id,", lines[0], StringComparison.Ordinal);
            Assert.Equal(["call_7f3a9c21d4", "call_c2d9"], lines.Skip(1).Select(l => l.Split(',')[1]).Order(StringComparer.Ordinal));
            Assert.DoesNotContain("@example.com,", csv.Replace("***@example.com,", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // A phone: the calls page fits 390 px, its table scrolling inside its box.
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync(app.BaseAddress + "console/calls");
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"The calls page is {width} px wide on a 390 px phone.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "calls-phone.png") });

            // Sign out: the session is gone.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You are signed out." }).WaitForAsync();
            await page.GotoAsync(app.BaseAddress + "console/calls");
            Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
        }
    }
}
