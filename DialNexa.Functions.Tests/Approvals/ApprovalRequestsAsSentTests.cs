using System.Net.Http.Json;
using System.Text.Json;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Settings;
using DialNexa.Functions.Tests.Handoff;
using Microsoft.Playwright;
using static DialNexa.Functions.Tests.Approvals.ApprovalPageReader;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// The approval page against what is then sent: three calls through the real app (redaction, extraction, matching and
/// the provider clients live against loopback fakes) reach finance; the page is read in headless Chromium, approved,
/// and every field it listed must be in the request the call records for that action, and every recorded field on the
/// page, with the same value.
/// </summary>
public sealed class ApprovalRequestsAsSentTests
{
    [Fact]
    public async Task ApprovalPage_RefundInvoiceResendAndGustoPaymentMethodInChromium_ListsExactlyTheRequestsTheCallRecords()
    {
        await using var live = await LiveProvidersApp.StartAsync();
        live.Platforms.AddAltovizContact("marcus.bell@example.com", "Marcus", "Bell");
        live.Platforms.AddPaystackCustomer("dana.whitfield@example.com");
        live.Gusto.AddContractor("ctr-priya-7f21", "Priya", "Raman", "priya.raman@example.com", "Direct Deposit");
        var before = live.Gusto.PaymentMethodOf("ctr-priya-7f21");
        await live.PostAsync("call_refund_1", LiveProvidersApp.RefundTranscript);
        await live.PostAsync("call_resend_1", LiveProvidersApp.ResendTranscript);
        await live.PostAsync("call_gusto_1", LiveProvidersApp.PaymentMethodTranscript);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        await using var phone = await chromium.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, JavaScriptEnabled = false, IsMobile = true });
        var page = await phone.NewPageAsync();

        var refund = await ReadApproveAndCompareAsync(live, page, "call_refund_1", "PaystackCreateCustomer");
        Assert.Contains("Create a customer in Paystack", refund.Text, StringComparison.Ordinal);
        Assert.Contains("Record: a new customer (Marcus Bell, m***@example.com)", refund.Text, StringComparison.Ordinal);
        Assert.Equal(("Email", "none (new record)", "m***@example.com"), Cells(refund.Write, "email"));
        Assert.Equal(("First name", "none (new record)", "Marcus"), Cells(refund.Write, "first_name"));
        Assert.Equal(("Last name", "none (new record)", "Bell"), Cells(refund.Write, "last_name"));
        Assert.Equal("***0142", refund.Write.Fields.Single(f => f.Path == "phone").New);
        Assert.StartsWith("DialNexa call call_refund_1; note: ", refund.Write.Fields.Single(f => f.Path == "metadata").New, StringComparison.Ordinal);
        Assert.DoesNotContain(refund.Write.Fields, f => f.Label is "Amount" or "Invoice");
        Assert.Contains("Amount on the call\n1,249.00 USD", refund.Text, StringComparison.Ordinal);
        Assert.Contains("Refund requests always need finance approval.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("The amount on the call, 1,249.00 USD, is at or above the approval threshold of 100.00 USD.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("Caller match: 96%. Marcus Bell (Altoviz record 41): the caller's email and name matched.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("an email match scores above 90%", refund.Text, StringComparison.Ordinal);
        Assert.Contains("What the caller asked\nI'd like a refund for invoice INV-30412, the $1,249.00 annual renewal.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("What the agent promised\nI'll request a refund of $1,249.00 for invoice INV-30412 and finance will confirm it by Friday.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("An answer by Fri 6 Mar 2026.", refund.Text, StringComparison.Ordinal);
        Assert.Contains("Call started\nThu 5 Mar 2026, 11:02 New York time (16:02 UTC)", refund.Text, StringComparison.Ordinal);
        Assert.Equal("Transcript of call call_refund_1", refund.TranscriptHeading);
        Assert.Contains("Caller: Hi, this is Marcus Bell. I'd like a refund", refund.TranscriptText, StringComparison.Ordinal);
        Assert.Contains("Caller: It's m***@example.com.", refund.TranscriptText, StringComparison.Ordinal);

        var resend = await ReadApproveAndCompareAsync(live, page, "call_resend_1", "PaystackSendPaymentRequestNotification");
        Assert.Contains("Create a Paystack payment request (Paystack emails it to the customer)", resend.Text, StringComparison.Ordinal);
        Assert.Contains("Record: a new payment request for customer CUS_dana (Dana Whitfield, d***@example.com)", resend.Text, StringComparison.Ordinal);
        Assert.Equal(("Amount", "none (new record)", "249.00 USD (sent as 24900, in cents)"), Cells(resend.Write, "amount"));
        Assert.Equal(("Paystack emails the customer", "none (new record)", "Yes"), Cells(resend.Write, "send_notification"));
        Assert.Equal("CUS_dana", resend.Write.Fields.Single(f => f.Path == "customer").New);
        Assert.Contains("Sending a Paystack payment request email changes money, access or commitments, so it always needs approval.", resend.Text, StringComparison.Ordinal);

        var change = await ReadApproveAndCompareAsync(live, page, "call_gusto_1", "GustoUpdateContractorPaymentMethod");
        Assert.Contains("Change a contractor's payment method in Gusto", change.Text, StringComparison.Ordinal);
        Assert.Contains("Record: contractor ctr-priya-7f21 (Priya Raman, p***@example.com)", change.Text, StringComparison.Ordinal);
        Assert.Equal(("Payment method", "Direct Deposit", "Check"), Cells(change.Write, "type"));
        var version = before["version"]!.ToString();
        Assert.Equal(("Version (Gusto's guard against overwriting a newer change)", version, version), Cells(change.Write, "version"));
        Assert.Equal("Check", live.Gusto.PaymentMethodOf("ctr-priya-7f21")["type"]!.ToString());

        foreach (var shown in new[] { refund, resend, change })
        {
            // Finance reads words: no enum names, no raw confidences, nothing about dry run when everything is live.
            foreach (var internalName in new[] { "PaystackCreateCustomer", "PaystackSendPaymentRequestNotification", "GustoUpdateContractorPaymentMethod", "RefundRequest", "InvoiceResend", "PaymentMethodChange", "0.96", "0.92", "Dry run" })
            {
                Assert.DoesNotContain(internalName, shown.Text, StringComparison.Ordinal);
            }

            Assert.Equal(390, shown.ScreenWidth);
        }
    }

    private static (string Label, string Now, string New) Cells(PageWrite write, string path)
    {
        var field = Assert.Single(write.Fields, f => f.Path == path);
        return (field.Label, field.Now, field.New);
    }

    private sealed record Shown(PageWrite Write, string Text, string TranscriptHeading, string TranscriptText, int ScreenWidth);

    /// <summary>Opens the call's approval page, reads it, follows its transcript link, approves, and compares the page with the recorded request.</summary>
    private static async Task<Shown> ReadApproveAndCompareAsync(LiveProvidersApp live, IPage page, string callId, string kind)
    {
        var waiting = await HandoffTestApp.WaitForApprovalRequestAsync(live.App.Http, callId);
        var link = waiting.GetProperty("approval").GetProperty("request").GetProperty("approvers")[0].GetProperty("url").GetString()!;
        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        var write = Assert.Single(await WritesAsync(page));
        Assert.Equal(kind, write.Kind);
        Assert.Equal("Live", write.Mode);
        Assert.True(write.Sends);
        var text = await page.Locator("main").InnerTextAsync();
        var shot = await page.ScreenshotAsync(new() { Path = Path.Combine(live.App.DataDirectory, $"approval-{callId}.png"), FullPage = true });
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(shot.AsSpan(16, 4));

        await page.GetByRole(AriaRole.Link, new() { Name = "Read the call's transcript" }).ClickAsync();
        var transcriptHeading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        var transcriptText = await page.Locator("main").InnerTextAsync();
        await page.GotoAsync(link);

        await page.GetByLabel("Comment (optional)").FillAsync("Checked against the ledger.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Approved", Level = 1 }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("The requests to ", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);

        var done = await HandoffTestApp.WaitForCompletionAsync(live.App.Http, callId);
        Assert.Equal("Completed", done.GetProperty("stage").GetString());
        var action = Assert.Single(done.GetProperty("actions").EnumerateArray());
        Assert.Equal(kind, action.GetProperty("kind").GetString());
        Assert.Equal("Written", action.GetProperty("outcome").GetString());
        var recorded = action.GetProperty("request");
        Assert.Equal($"{recorded.GetProperty("method").GetString()} {recorded.GetProperty("url").GetString()}", write.RequestLine);

        // Every field listed was sent with that value, and every field sent is listed.
        var sent = RecordedFields(recorded);
        Assert.NotEmpty(sent);
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), write.Fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var (path, value) in sent)
        {
            Assert.Equal(ApprovalWrites.Sent(path, value), write.Fields.Single(f => f.Path == path).Sent);
        }

        return new Shown(write, text, transcriptHeading, transcriptText, width);
    }
}
