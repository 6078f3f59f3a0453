using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// Gusto's "create company bank account": the caller's own numbers are redacted, so finance types the account on the
/// approval page (masked, checked, POST only). It must reach Gusto once and exist nowhere else: not in the store's
/// files, the logs, the call's status or history, the review queue, Slack, or the pages.
/// </summary>
public sealed class BankAccountEntryTests
{
    private const string Routing = "021000021";
    private const string Account = "000123456789";

    /// <summary>The owner asks to fund payroll from a new account, reading its numbers aloud (redaction removes them).</summary>
    private const string Transcript =
        "Agent: Thanks for calling Northwind payroll, this is Ava. How can I help?\n" +
        "User: Hi, I'm Sam Ortiz, the owner of Ortiz Design. I need to change the payment method for our payroll: please switch the funding to our new bank account.\n" +
        "Agent: I can help with that. What email is on the account?\n" +
        "User: sam.ortiz@example.com. The routing number is 021000021 and the account number is 000123456789.\n" +
        "Agent: Please don't read bank numbers on the call; I've removed them from our notes. Finance will enter the new account securely and confirm by Friday.";

    [Fact]
    public async Task ApprovalPage_BankAccountTypedByFinance_ReachesGustoOnceAndAppearsNowhereElse()
    {
        var logs = new CapturingLoggerProvider();
        var live = await LiveProvidersApp.StartAsync(
            new()
            {
                ["DialNexa:Handoff:Routes:PaymentMethodChange:0"] = "GustoCreateCompanyBankAccount",
                ["Logging:LogLevel:Default"] = "Trace",
            },
            builder => builder.Logging.AddProvider(logs));
        var seen = new StringBuilder();
        string dataDirectory;
        await using (live)
        {
            dataDirectory = live.App.DataDirectory;
            live.Platforms.AddAltovizContact("sam.ortiz@example.com", "Sam", "Ortiz");
            live.Gusto.AddBankAccount("011000015", "000055554087", "Checking");
            await live.PostAsync("call_bank_1", Transcript);
            var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(live.App.Http, "call_bank_1");
            var link = waiting.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!;

            using var playwright = await Playwright.CreateAsync();
            await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ApprovalPageReader.ChromiumArgs });
            await using var browser = await chromium.NewContextAsync(new() { JavaScriptEnabled = false });
            var page = await browser.NewPageAsync();
            await page.GotoAsync(link);
            var write = Assert.Single(await ApprovalPageReader.WritesAsync(page));
            Assert.Equal("GustoCreateCompanyBankAccount", write.Kind);
            var text = await page.Locator("main").InnerTextAsync();
            Assert.Contains("Add a company bank account in Gusto", text, StringComparison.Ordinal);
            Assert.Contains("The current account (Checking, XXXX4087, verified) stops being the default.", text, StringComparison.Ordinal);
            Assert.Equal("XXXXX0015", write.Fields.Single(f => f.Path == "routing_number").Now);
            Assert.Equal("(entered by finance on the approval page)", write.Fields.Single(f => f.Path == "account_number").New);
            foreach (var label in new[] { "Routing number (9 digits)", "Account number", "Account number again" })
            {
                Assert.Equal("password", await page.GetByLabel(label, new() { Exact = true }).GetAttributeAsync("type"));
                Assert.Equal("off", await page.GetByLabel(label, new() { Exact = true }).GetAttributeAsync("autocomplete"));
            }

            // A routing number whose check digit is wrong is refused, and nothing is decided or kept.
            await FillAsync(page, "021000022", Account, Account);
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            Assert.Contains("The routing number's check digit does not match", alert, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await page.GetByLabel("Routing number (9 digits)").InputValueAsync());
            seen.AppendLine(await page.ContentAsync());
            var still = await live.App.Http.GetFromJsonAsync<JsonElement>("/api/calls/call_bank_1");
            Assert.Equal("AwaitingApproval", still.GetProperty("stage").GetString());
            Assert.Empty(still.GetProperty("approval").GetProperty("decisions").EnumerateArray());

            // Typed twice differently: refused too.
            await FillAsync(page, Routing, Account, "000123456780");
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            Assert.Contains("The two account numbers differ", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

            await FillAsync(page, Routing, Account, Account);
            await page.GetByLabel("Account type").SelectOptionAsync("Checking");
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Approved", Level = 1 }).WaitForAsync(new() { Timeout = 15_000 });
            seen.AppendLine(await page.ContentAsync());

            var done = await HandoffTestApp.WaitForCompletionAsync(live.App.Http, "call_bank_1");
            Assert.Equal("Completed", done.GetProperty("stage").GetString());
            var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
            Assert.Equal("Written", action.GetProperty("outcome").GetString());
            Assert.Contains("ending 6789", action.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("\"account_number\":\"XXXX6789\"", action.GetProperty("request").GetProperty("body").GetString(), StringComparison.Ordinal);
            Assert.Contains("\"routing_number\":\"XXXXX0021\"", action.GetProperty("request").GetProperty("body").GetString(), StringComparison.Ordinal);

            // Gusto got it exactly once, with the numbers as typed.
            var posted = Assert.Single(live.Gusto.BankAccountPosts);
            using (var body = JsonDocument.Parse(posted))
            {
                Assert.Equal(Routing, body.RootElement.GetProperty("routing_number").GetString());
                Assert.Equal(Account, body.RootElement.GetProperty("account_number").GetString());
                Assert.Equal("Checking", body.RootElement.GetProperty("account_type").GetString());
            }

            // The encrypted entry went once Gusto held the account.
            Assert.Null(await live.App.Services.GetRequiredService<BankAccountEntries>().DescribeAsync("call_bank_1", CancellationToken.None));

            // Nothing else holds the numbers: status, history, the review queue, Slack, the pages.
            seen.AppendLine(done.ToString());
            seen.AppendLine(await live.App.Http.GetStringAsync("/runtime/webhooks/durabletask/instances/call_bank_1?showHistory=true&showInput=true&showHistoryOutput=true"));
            seen.AppendLine(await live.App.Http.GetStringAsync("/api/calls/call_bank_1/transcript"));
            seen.AppendLine(await live.App.Http.GetStringAsync("/api/review?resolved=true"));
            seen.AppendLine(await live.App.Http.GetStringAsync("/api/review"));
            seen.AppendLine(string.Join('\n', live.SlackPosts));
            await page.GotoAsync(link);
            seen.AppendLine(await page.ContentAsync());
            await page.GotoAsync(link + "/transcript");
            seen.AppendLine(await page.ContentAsync());
            AssertAbsent("responses, pages and Slack", seen.ToString());
            AssertAbsent("store files while running", SensitiveDataLeakTests.ReadStoreFiles(dataDirectory));
            Assert.Empty(StoredRows.Mentioning(dataDirectory, Account));
            Assert.Empty(StoredRows.Mentioning(dataDirectory, Routing));
        }

        AssertAbsent("store files after shutdown", SensitiveDataLeakTests.ReadStoreFiles(dataDirectory));
        AssertAbsent("log lines", string.Join('\n', logs.Lines));
        Assert.Contains(logs.Lines, l => l.Contains("call_bank_1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("021000021", true)]
    [InlineData("011000015", true)]
    [InlineData("021000022", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("02100002a", false)]
    public void IsAbaRoutingNumber_CheckDigit_DecidesValidity(string routing, bool valid) =>
        Assert.Equal(valid, BankAccountForm.IsAbaRoutingNumber(routing));

    private static async Task FillAsync(IPage page, string routing, string account, string again)
    {
        await page.GetByLabel("Routing number (9 digits)").FillAsync(routing);
        await page.GetByLabel("Account number", new() { Exact = true }).FillAsync(account);
        await page.GetByLabel("Account number again").FillAsync(again);
    }

    private static void AssertAbsent(string where, string haystack)
    {
        Assert.False(haystack.Contains(Routing, StringComparison.Ordinal), $"The routing number was found in {where}.");
        Assert.False(haystack.Contains(Account, StringComparison.Ordinal), $"The account number was found in {where}.");
    }
}
