using System.Globalization;
using Microsoft.DurableTask;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Asks finance to approve the planned actions: builds the request (writes with old and new values, amount, customer,
/// match confidence, reasons, requester, expiry), signs one single-use link per approver, stores it for the approval
/// page and posts it to Slack with link and Approve/Reject buttons. The decision comes back as <c>FinanceApproval</c>.
/// </summary>
internal sealed class RequestApprovalActivity(ProviderDirectory providers, ApprovalTokens tokens, ApprovalStore store, ApprovalMailer mailer, IOptions<ApprovalsOptions> options, TimeProvider time)
    : TaskActivity<RequestApprovalInput, ApprovalRequest>
{
    public override async Task<ApprovalRequest> RunAsync(TaskActivityContext context, RequestApprovalInput input)
    {
        var status = input.Status;
        var now = time.GetUtcNow();
        var expires = now + input.Timeout;
        var requestId = input.RequestId ?? $"{status.CallId}:approval";
        var baseUrl = (input.BaseUrl ?? BaseUrlOf(status)).TrimEnd('/');
        var settings = options.Value;
        var approvers = settings.EffectiveApprovers()
            .Select(a => new ApproverLink(a.Email, a.DisplayName, $"{baseUrl}/api/approvals/{tokens.Issue(new ApprovalTicket(status.CallId, requestId, a.Email, expires))}"))
            .ToList();
        var name = status.Context?.Text(FactNames.CustomerName);
        var email = status.Context?.Text(FactNames.Email);
        var customer = (name, email) switch
        {
            (not null, not null) => $"{name} ({ApprovalMasking.Email(email)})",
            (not null, null) => name,
            (null, not null) => ApprovalMasking.Email(email),
            _ => null,
        };
        var links = status.Links?.AsProviderLinks() ?? [];
        var request = new ApprovalRequest
        {
            RequestId = requestId,
            CallId = status.CallId,
            Workflow = status.Workflow,
            Reasons = status.ApprovalReasons,
            Actions = [.. status.PlannedActions.Select(a => $"{a.Provider}: {a.Kind}")],
            Changes = [.. status.PlannedActions.SelectMany(ChangesOf)],
            Customer = customer,
            Amount = status.Context?.Amount,
            Currency = status.Context?.Currency,
            MatchConfidence = status.Match?.Confidence ?? 0,
            Requester = name is null ? $"DialNexa call handoff for call {status.CallId}" : $"DialNexa call handoff for call {status.CallId}, on behalf of the caller {name}",
            RequestedAt = now,
            ExpiresAt = expires,
            Quorum = settings.Quorum,
            Reminder = settings.Reminder,
            Approvers = approvers,
            Links = [.. links.Select(l => l.Url)],
        };
        await store.SaveRequestAsync(request, CancellationToken.None);
        if (mailer.IsConfigured)
        {
            request = request with { Deliveries = await mailer.SendAsync(request, "request", "Approval needed", CancellationToken.None) };
        }

        await providers.ExecuteAsync(SlackPost(request, "*Approval needed*", links, request.Deliveries), CancellationToken.None);
        return request;
    }

    /// <summary>
    /// The Slack post of a request or its reminder (redacted data, masked contact details). When the links went by
    /// email (<paramref name="deliveries"/> not null) the channel gets the buttons and the call's links only, and is
    /// told whom a mail did not reach; otherwise every approver's personal link is in the message.
    /// </summary>
    internal static ProviderActionRequest SlackPost(ApprovalRequest request, string heading, IReadOnlyList<ProviderLink> callLinks, IReadOnlyList<ApprovalDelivery>? deliveries)
    {
        var text = request.DescribeForSlack(heading);
        IReadOnlyList<ProviderLink> links = callLinks;
        if (deliveries is null)
        {
            text += " Each review link is personal to the approver named on it.";
            links = [.. request.Approvers.Select(a => new ProviderLink("Review: " + a.Name, a.Url)), .. callLinks];
        }
        else
        {
            text += " Personal review links went to the approvers by email; the buttons count for approvers' own Slack accounts.";
            var missed = deliveries.Where(d => !d.Sent).Select(d => SlackText.Escape($"{ApprovalMasking.Email(d.Approver)} ({d.Problem})")).ToList();
            if (missed.Count > 0)
            {
                text += $"\nNot emailed: {string.Join("; ", missed)}. An admin can read their link from the call's status.";
            }
        }

        return new ProviderActionRequest
        {
            CallId = request.CallId,
            Kind = ProviderActionKind.SlackApprovalRequest,
            Message = text,
            Links = links,
            ApprovalRequestId = request.RequestId,
        };
    }

    private static IEnumerable<ApprovalChange> ChangesOf(PlannedAction action)
    {
        var r = action.Request;
        var creates = action.Kind.ToString().Contains("Create", StringComparison.Ordinal);
        var old = creates ? "none (new record)" : null;
        var provider = action.Provider.ToString();
        var kind = action.Kind.ToString();
        if (r.ProviderCustomerId is { } id)
        {
            yield return new ApprovalChange(provider, kind, "Record", id, id);
        }

        if (r.CustomerName is { } name)
        {
            yield return new ApprovalChange(provider, kind, "Customer name", old, name);
        }

        if (r.Email is { } email)
        {
            yield return new ApprovalChange(provider, kind, "Email", old, ApprovalMasking.Email(email));
        }

        if (r.Phone is { } phone)
        {
            yield return new ApprovalChange(provider, kind, "Phone", old, ApprovalMasking.Phone(phone));
        }

        if (r.Amount is { } amount)
        {
            yield return new ApprovalChange(provider, kind, "Amount", old, string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {r.Currency}"));
        }

        if (r.PaymentMethodType is { } method)
        {
            yield return new ApprovalChange(provider, kind, "Payment method", old, method);
        }

        if (r.InvoiceNumber is { } invoice)
        {
            yield return new ApprovalChange(provider, kind, "Invoice", old, invoice);
        }

        if (r.DueDate is { } due)
        {
            yield return new ApprovalChange(provider, kind, "Due date", old, due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static string BaseUrlOf(CallStatusSnapshot status)
    {
        var statusUrl = status.Links?.StatusUrl ?? "http://localhost:7071/api/calls/" + status.CallId;
        var at = statusUrl.IndexOf("/api/calls/", StringComparison.Ordinal);
        return at < 0 ? statusUrl : statusUrl[..at];
    }
}
