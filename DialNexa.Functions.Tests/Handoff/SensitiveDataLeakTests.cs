using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Hosting;
using DialNexa.Functions.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>Seeds calls with card, bank and tax numbers (written and spoken), then searches every byte the app kept.</summary>
public sealed class SensitiveDataLeakTests
{
    private static readonly string[] Seeds =
    [
        "4111111111111111", "4111 1111 1111 1111", "four one one one one one one one",
        "000123456789", "021000021", "123-45-6789", "123456789", "GB29NWBK60161331926819", "GB29 NWBK 6016",
        "12-3456789", "code 737", "seven three seven", "five five five five four four four four",
    ];

    [Fact]
    public async Task Calls_WithSensitiveNumbers_LeaveNoTraceInStoreFilesLogsOrStatus()
    {
        var logs = new CapturingLoggerProvider();
        var paystack = new RecordingProvider(ProviderName.Paystack, ProviderMode.Live, HandoffTestApp.KnownEmail);
        var settings = new Dictionary<string, string>
        {
            ["DialNexa:WebhookSecrets"] = WebhookSender.Secret,
            ["Logging:LogLevel:Default"] = "Trace",
            ["DialNexa:Approvals:Approvers:0:Email"] = "finance.lead@example.com",
        };
        var app = await TestApp.StartAsync(settings, configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton<IFinanceProvider>(paystack);
        });
        var responses = new StringBuilder();
        await using (app)
        {
            for (var i = 0; i < 3; i++)
            {
                var body = Encoding.UTF8.GetBytes(Call($"call_leak_{i}"));
                var accepted = await WebhookSender.PostAsync(app.Http, body, WebhookSender.Sign(body));
                responses.Append(await accepted.Content.ReadAsStringAsync());
            }

            for (var i = 0; i < 3; i++)
            {
                var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(app.Http, $"call_leak_{i}");
                responses.Append(waiting.ToString());
                var link = waiting.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!;
                responses.Append(await app.Http.GetStringAsync(new Uri(link).PathAndQuery));
                await HandoffTestApp.DecideAsync(app.Http, $"call_leak_{i}", approved: true);
                var done = await HandoffTestApp.WaitForCompletionAsync(app.Http, $"call_leak_{i}");
                Assert.Equal("Completed", done.GetProperty("stage").GetString());
                Assert.True(done.GetProperty("suppression").GetProperty("cardNumber").GetBoolean());
                Assert.True(done.GetProperty("suppression").GetProperty("bankDetails").GetBoolean());
                Assert.True(done.GetProperty("suppression").GetProperty("taxIdentifier").GetBoolean());
                responses.Append(done.ToString());
                responses.Append(await app.Http.GetStringAsync($"/api/calls/call_leak_{i}/transcript"));
                responses.Append(await app.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/call_leak_{i}?showHistory=true&showInput=true"));
            }

            responses.Append(await app.Http.GetStringAsync("/api/review"));
            AssertNoSeeds("store files while running", ReadStoreFiles(app.DataDirectory));
        }

        AssertNoSeeds("store files after shutdown", ReadStoreFiles(app.DataDirectory));
        AssertNoSeeds("log lines", string.Join('\n', logs.Lines));
        AssertNoSeeds("status responses", responses.ToString());
        AssertNoSeeds("provider notes", string.Join('\n', paystack.Writes.Keys));
        Assert.NotEmpty(logs.Lines);
    }

    internal static string Call(string id)
    {
        var turns = new object[]
        {
            new { role = "assistant", content = "Thanks for calling billing. How can I help?" },
            new { role = "user", content = "I'm Dana Whitfield, I was charged twice for INV-20931, $249.00. My card is 4111 1111 1111 1111, security code 737." },
            new { role = "assistant", content = "Please don't read card numbers. Which account?" },
            new { role = "user", content = "The other card is four one one one one one one one" },
            new { role = "assistant", content = "go on" },
            new { role = "user", content = "one one one one one one one one, and the CVV is seven three seven" },
            new { role = "user", content = "Refund it to my bank: routing number 021000021, checking account 000123456789, IBAN GB29NWBK60161331926819." },
            new { role = "user", content = "For tax my SSN is 123-45-6789 and the company EIN is 12-3456789. Call me back by Friday." },
        };
        var payload = new
        {
            event_type = "call_ended",
            payload = new
            {
                call = new
                {
                    id,
                    from_number = "14155550142",
                    status = "completed",
                    initiated_at = "2026-03-05T16:02:11.512Z",
                    transcript = JsonSerializer.Serialize(turns),
                    summary = "Caller read card 4111 1111 1111 1111 and SSN 123-45-6789 aloud; wants the duplicate $249.00 charge disputed.",
                    post_call_analysis = new Dictionary<string, object>
                    {
                        ["intent"] = "dispute_charge",
                        ["customer_email"] = "dana.whitfield@example.com",
                        ["amount"] = "249.00",
                        ["currency"] = "USD",
                        ["card_mentioned"] = "five five five five four four four four four four four four four four four four",
                    },
                },
            },
        };
        return JsonSerializer.Serialize(payload);
    }

    internal static string ReadStoreFiles(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    internal static void AssertNoSeeds(string where, string haystack)
    {
        foreach (var seed in Seeds)
        {
            Assert.False(haystack.Contains(seed, StringComparison.OrdinalIgnoreCase), $"'{seed}' found in {where}.");
        }
    }
}
