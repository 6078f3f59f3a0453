using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Playwright;
using static DialNexa.Functions.Tests.Approvals.ApprovalTestApp;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>The approval page in Debian's headless Chromium (installed by scripts/install-test-tools.sh), on a phone-sized screen with JavaScript off.</summary>
public sealed class ApprovalBrowserTests
{
    private static readonly string[] QuietOffline =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    [Fact]
    public async Task ApprovalPage_OpenedFromCallStatusInChromium_ApprovesAndTheCallCompletesWithTheWrite()
    {
        var (app, paystack, _, _) = await StartWaitingAsync();
        await using (app)
        {
            // The operator's way in: the call's status lists each approver's link.
            var status = await app.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{CallId}");
            var link = status.GetProperty("approval").GetProperty("request").GetProperty("approvers").EnumerateArray()
                .Single(a => a.GetProperty("approver").GetString() == Alice).GetProperty("url").GetString()!;
            Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/') + "/api/approvals/", link, StringComparison.Ordinal);

            using var playwright = await Playwright.CreateAsync();
            await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = QuietOffline });
            await using var phone = await chromium.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, JavaScriptEnabled = false, IsMobile = true });
            var page = await phone.NewPageAsync();
            var opened = await page.GotoAsync(link);
            Assert.Equal(200, opened!.Status);

            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            Assert.Equal($"Finance approval for call {CallId}", await heading.InnerTextAsync());
            var request = await page.Locator("main").InnerTextAsync();
            Assert.Contains("249.00 USD", request, StringComparison.Ordinal);
            Assert.Contains("d***@example.com", request, StringComparison.Ordinal);
            Assert.Contains("Dispute calls always need finance approval", request, StringComparison.Ordinal);
            Assert.Contains("Create a customer in Paystack", request, StringComparison.Ordinal);
            Assert.DoesNotContain("dana.whitfield@example.com", await page.ContentAsync(), StringComparison.Ordinal);

            var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve" });
            var box = await approve.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390 && box.Height >= 40, $"Approve button at {box.X},{box.Width}x{box.Height} does not fit a 390 px screen as a touch target.");

            var shot = await page.ScreenshotAsync(new() { Path = Path.Combine(app.DataDirectory, "approval-open.png"), FullPage = true });
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(shot.AsSpan(16, 4));
            Assert.True(width == 390, $"The page is {width} px wide on a 390 px phone: something overflows sideways.");
            await page.GetByLabel("Comment (optional)").FillAsync("Duplicate confirmed in Paystack.");
            await approve.ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Approved", Level = 1 }).WaitForAsync(new() { Timeout = 15_000 });
            Assert.Contains("You approved the request", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.DataDirectory, "approval-approved.png"), FullPage = true });

            var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, CallId);
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
            Assert.Equal("Written", action.GetProperty("outcome").GetString());
            Assert.Equal(1, paystack.Writes[$"{CallId}:PaystackCreateCustomer"]);
            var decision = done.GetProperty("approval").GetProperty("decision");
            Assert.Equal(Alice, decision.GetProperty("approver").GetString());
            Assert.Equal("Duplicate confirmed in Paystack.", decision.GetProperty("comment").GetString());

            // Reloading the link afterwards shows the decision and offers no form.
            await page.GotoAsync(link);
            Assert.Equal("Already decided", await heading.InnerTextAsync());
            Assert.Equal(0, await page.Locator("form").CountAsync());
        }
    }
}
