using System.Net;
using System.Text;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Handoff;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static DialNexa.Functions.Tests.OperationsConsole.ConsoleTestApp;

namespace DialNexa.Functions.Tests.OperationsConsole;

/// <summary>
/// The sensitive-value scan of <see cref="SensitiveDataLeakTests"/>, over every console page and the CSV: calls carrying
/// card, bank and tax numbers (written and spoken) go through the real redactor, wait for approval, are approved and
/// written, and nothing the console shows at either point holds one of the seeded values.
/// </summary>
public sealed class ConsoleSensitiveDataTests
{
    [Fact]
    public async Task ConsolePagesAndCsv_AfterCallsWithSensitiveNumbers_ShowNoneOfThem()
    {
        var paystack = new RecordingProvider(ProviderName.Paystack, ProviderMode.Live, HandoffTestApp.KnownEmail);
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
            ["DialNexa:AdminKey"] = AdminKey,
            ["DialNexa:Console:ListRefresh"] = "00:00:00",
        };
        var app = await TestApp.StartAsync(settings, configure: builder => builder.Services.AddSingleton<IFinanceProvider>(paystack));
        await using (app)
        {
            app.Http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
            var ids = Enumerable.Range(0, 3).Select(i => $"call_console_leak_{i}").ToList();
            foreach (var id in ids)
            {
                var body = Encoding.UTF8.GetBytes(SensitiveDataLeakTests.Call(id));
                Assert.Equal(HttpStatusCode.Accepted, (await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body))).StatusCode);
            }

            foreach (var id in ids)
            {
                await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, id);
            }

            using var browser = await SignedInAsync(app);
            var seen = new StringBuilder();
            await ReadEveryPageAsync(browser, ids, seen);
            Assert.Contains("call_console_leak_0", seen.ToString(), StringComparison.Ordinal);

            foreach (var id in ids)
            {
                await HandoffTestApp.DecideAsync(app.Http, id, approved: true);
                Assert.Equal("Completed", (await HandoffTestApp.WaitForCompletionAsync(app.Http, id)).GetProperty("stage").GetString());
            }

            await ReadEveryPageAsync(browser, ids, seen);
            var text = seen.ToString();
            Assert.Contains("Create a customer in Paystack (Paystack, live): written.", text, StringComparison.Ordinal);
            Assert.Contains("Approved by finance.lead@example.com", text, StringComparison.Ordinal);
            Assert.Contains("d***@example.com", text, StringComparison.Ordinal);
            SensitiveDataLeakTests.AssertNoSeeds("console pages and CSV", text);
            SensitiveDataLeakTests.AssertNoSeeds("store files", SensitiveDataLeakTests.ReadStoreFiles(app.DataDirectory));
        }
    }

    private static async Task ReadEveryPageAsync(HttpClient browser, IReadOnlyList<string> ids, StringBuilder seen)
    {
        var pages = new List<string> { "/console/calls", "/console/calls?q=dana.whitfield%40example.com", "/console/review", "/console/approvals", "/console/trends", "/console/calls.csv" };
        foreach (var id in ids)
        {
            pages.Add($"/console/calls/{id}");
            pages.Add($"/console/calls/{id}/transcript");
        }

        foreach (var page in pages)
        {
            var response = await browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {response.StatusCode}.");
            seen.Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }
    }
}
