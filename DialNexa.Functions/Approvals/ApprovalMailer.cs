using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using DialNexa.Functions.AppData;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Emails each approver their personal approval link over SMTP (<see cref="ApprovalEmailOptions"/>), so the link is in
/// one mailbox instead of a shared channel. One mail per approver and purpose ("request", "reminder"): a sent mail is
/// marked in the store, so an activity that runs again sends only what had not gone out. A refused or failed send is
/// reported back, not thrown: the approval still waits, and Slack says whom the link did not reach.
/// </summary>
internal sealed partial class ApprovalMailer(IOptions<ApprovalsOptions> options, ISecretResolver secrets, IAppDataStore store, ILogger<ApprovalMailer> logger)
{
    public bool IsConfigured => options.Value.Email.IsConfigured;

    public Task<IReadOnlyList<ApprovalDelivery>> SendAsync(ApprovalRequest request, string purpose, string heading, CancellationToken cancellationToken) =>
        SendAsync(request, null, purpose, heading, cancellationToken);

    /// <summary>Sends one approver's mail (again), unless it was sent already; the handoff retries a mail that failed for a passing reason this way.</summary>
    public async Task<ApprovalDelivery> SendToAsync(ApprovalRequest request, string approver, string purpose, string heading, CancellationToken cancellationToken) =>
        (await SendAsync(request, approver, purpose, heading, cancellationToken)).SingleOrDefault()
        ?? new ApprovalDelivery(approver, false, $"{approver} is not an approver of request {request.RequestId}") { Permanent = true };

    private async Task<IReadOnlyList<ApprovalDelivery>> SendAsync(ApprovalRequest request, string? only, string purpose, string heading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value.Email;
        using var smtp = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = settings.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrWhiteSpace(settings.UserName))
        {
            smtp.Credentials = new NetworkCredential(settings.UserName, await secrets.ResolveAsync(settings.Password, cancellationToken));
        }

        var deliveries = new List<ApprovalDelivery>();
        foreach (var approver in request.Approvers.Where(a => only is null || string.Equals(a.Approver, only, StringComparison.OrdinalIgnoreCase)))
        {
            var marker = AppDataKey.ForCall(AppDataKinds.ApprovalMail, request.CallId, $"{request.RequestId}|{purpose}|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(approver.Approver.ToUpperInvariant())))[..32]}");
            if (await store.GetAsync(marker, cancellationToken) is not null)
            {
                deliveries.Add(new ApprovalDelivery(approver.Approver, true, null));
                continue;
            }

            try
            {
                using var message = Compose(request, approver, heading, settings.From!.Trim());
                await smtp.SendMailAsync(message, cancellationToken);
                await store.TryAddAsync(marker, new byte[] { 1 }, cancellationToken);
                deliveries.Add(new ApprovalDelivery(approver.Approver, true, null));
            }
            catch (SmtpException ex)
            {
                var problem = ex.StatusCode == SmtpStatusCode.GeneralFailure
                    ? $"could not send through {settings.Host}:{settings.Port} ({ex.InnerException?.Message ?? ex.Message}); check DialNexa__Approvals__Email__Host, __Port and __EnableSsl"
                    : $"the SMTP server refused it ({ex.StatusCode})";
                NotSent(logger, request.CallId, ApprovalMasking.Email(approver.Approver), problem);

                // 5xx replies are final (mailbox unavailable, name not allowed); 4xx and a relay out of reach may pass.
                deliveries.Add(new ApprovalDelivery(approver.Approver, false, problem) { Permanent = (int)ex.StatusCode >= 500 });
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // A message the mail classes refuse to compose (an address or header they cannot write): reported like a
                // refused send, so the request still reaches Slack and waits for a decision.
                var problem = $"the mail could not be composed ({ex.GetType().Name})";
                NotSent(logger, request.CallId, ApprovalMasking.Email(approver.Approver), problem);
                deliveries.Add(new ApprovalDelivery(approver.Approver, false, problem));
            }
        }

        return deliveries;
    }

    private static MailMessage Compose(ApprovalRequest request, ApproverLink approver, string heading, string from)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{approver.Name},")
            .AppendLine()
            .AppendLine(request.Describe(heading))
            .AppendLine()
            .AppendLine("Your personal review link. It records your decision as yours, once; do not forward it:")
            .AppendLine(approver.Url)
            .AppendLine()
            .AppendLine("The call:");
        foreach (var link in request.Links)
        {
            body.AppendLine(link);
        }

        return new MailMessage(from, approver.Approver)
        {
            Subject = MailText.Header($"{heading}: call {request.CallId} ({ApprovalText.Workflow(request.Workflow)}), {request.AmountText}"),
            Body = body.ToString(),
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            IsBodyHtml = false,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.Base64,
        };
    }

    [LoggerMessage(2300, LogLevel.Warning, "The approval link for call {CallId} was not emailed to {Approver}: {Problem}.")]
    private static partial void NotSent(ILogger logger, string callId, string approver, string problem);
}
