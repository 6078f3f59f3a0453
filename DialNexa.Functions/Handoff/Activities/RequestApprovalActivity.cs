using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using Microsoft.DurableTask;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Notifications;
using DialNexa.Functions.Notifications.Slack;
using DialNexa.Functions.Providers;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff.Activities;

/// <summary>
/// Asks finance to approve the planned actions: builds the request (each write exactly as it will be sent, with the
/// current and new value of every field, read from the provider now; why approval is needed; the caller's request and
/// the agent's promise; how the caller was matched; requester and expiry), signs one single-use link per approver,
/// stores it for the approval page, mails each approver their link when mail is set up, and composes the Slack post with
/// link and Approve/Reject buttons, which the handoff delivers (and retries). The decision comes back as
/// <c>FinanceApproval</c>.
/// </summary>
internal sealed partial class RequestApprovalActivity(
    ProviderDirectory providers,
    ApprovalTokens tokens,
    ApprovalStore store,
    ApprovalMailer mailer,
    CallTranscripts transcripts,
    IOptions<ApprovalsOptions> options,
    TimeProvider time,
    ILogger<RequestApprovalActivity> logger,
    ICallListing calls,
    MessageSender sender)
    : TaskActivity<RequestApprovalInput, ApprovalPosting>
{
    /// <summary>The key of the request's Slack post within the call.</summary>
    public const string SlackKey = "approval-request";

    /// <summary>The most of the caller's or agent's words a request quotes.</summary>
    private const int MaxQuote = 400;

    public override async Task<ApprovalPosting> RunAsync(TaskActivityContext context, RequestApprovalInput input)
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
        var facts = status.Context;
        var name = facts?.Text(FactNames.CustomerName);
        var email = facts?.Text(FactNames.Email);
        var customer = (name, email) switch
        {
            (not null, not null) => $"{name} ({ApprovalMasking.Email(email)})",
            (not null, null) => name,
            (null, not null) => ApprovalMasking.Email(email),
            _ => null,
        };
        var call = await transcripts.ReadAsync(status.CallId, CancellationToken.None);
        var matchedName = status.Match?.Providers.Where(p => p.Score > 0).OrderByDescending(p => p.Score).FirstOrDefault()?.Name;
        var writes = new List<ApprovalWrite>();
        foreach (var action in status.PlannedActions)
        {
            writes.Add(ApprovalWrites.From(await PreviewAsync(action), action.Request, matchedName));
        }

        var links = status.Links?.AsSlackLinks() ?? [];
        var request = new ApprovalRequest
        {
            RequestId = requestId,
            CallId = status.CallId,
            Workflow = status.Workflow,
            Reasons = [.. status.ApprovalReasons.Select(ApprovalText.MaskEmails)],
            Writes = writes,
            Customer = customer,
            Amount = facts?.Amount,
            Currency = facts?.Currency,
            MatchConfidence = status.Match?.Confidence ?? 0,
            MatchBasis = MatchBasis(status.Match),
            CallerRequest = Quote(CallerRequest(facts, call)),
            AgentPromise = Quote(facts?.Text(FactNames.PromisedNextStep)),
            FollowUpBy = DateOnly.TryParse(facts?.Text(FactNames.FollowUpDeadline), System.Globalization.CultureInfo.InvariantCulture, out var by) ? by : null,
            CallbackRequested = string.Equals(facts?.Text(FactNames.CallbackRequested), "true", StringComparison.OrdinalIgnoreCase),
            CallStartedAt = call?.StartedAt,
            Requester = name is null ? $"DialNexa call handoff for call {status.CallId}" : $"DialNexa call handoff for call {status.CallId}, on behalf of the caller {name}",
            RequestedAt = now,
            ExpiresAt = expires,
            Quorum = settings.Quorum,
            Reminder = settings.Reminder,
            Approvers = approvers,
            Links = [.. links.Select(l => l.Url)],
        };
        await store.SaveRequestAsync(request, CancellationToken.None);
        await calls.AwaitingApprovalAsync(context.InstanceId, status, request, CancellationToken.None); // the console's call list
        if (mailer.IsConfigured)
        {
            request = request with { Deliveries = await mailer.SendAsync(request, "request", "Approval needed", CancellationToken.None) };
        }

        var post = OutgoingMessage.ToSlack(SlackKey, "Approval request", SlackPost(request, "*Approval needed*", links, request.Deliveries));
        var attempt = input.PostsToSlack ? await sender.AttemptAsync(post, 1, input.PostIsLastAttempt) : null;
        return new ApprovalPosting(request, post, request.Deliveries, attempt);
    }

    /// <summary>
    /// The Slack post of a request or its reminder (redacted data, masked contact details). When the links went by
    /// email (<paramref name="deliveries"/> not null) the channel gets the buttons and the call's links only, and is
    /// told whom a mail did not reach; otherwise every approver's personal link is in the message.
    /// </summary>
    internal static SlackMessage SlackPost(ApprovalRequest request, string heading, IReadOnlyList<SlackLink> callLinks, IReadOnlyList<ApprovalDelivery>? deliveries)
    {
        var text = request.DescribeForSlack(heading);
        IReadOnlyList<SlackLink> links = callLinks;
        if (deliveries is null)
        {
            text += " Each review link is personal to the approver named on it.";
            links = [.. request.Approvers.Select(a => new SlackLink("Review: " + a.Name, a.Url)), .. callLinks];
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

        if (request.Writes.Any(w => w.NeedsBankAccountEntry))
        {
            text += "\nThe new bank account's numbers are typed on the approval page: approve there (Reject works here too).";
        }

        return new SlackMessage
        {
            CallId = request.CallId,
            Kind = SlackMessageKind.ApprovalRequest,
            Text = text,
            Links = links,
            ApprovalRequestId = request.RequestId,
        };
    }

    /// <summary>A preview that never fails the request: a provider that cannot be read is shown as such.</summary>
    private async Task<ProviderWritePreview> PreviewAsync(PlannedAction action)
    {
        try
        {
            return await providers.PreviewAsync(action.Request, CancellationToken.None);
        }
#pragma warning disable CA1031 // Finance must still be asked; the page says the request could not be worked out.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PreviewFailed(logger, action.Request.CallId, action.Provider.ToString(), ex.GetType().Name);
            return ProviderWritePreview.Unavailable(action.Provider, action.Kind, ProviderMode.DryRun, $"The request could not be worked out beforehand ({ex.GetType().Name}); it is built when the action runs.");
        }
    }

    /// <summary>The caller's request: their stated reason, else the turn that decided the workflow, else the call's summary.</summary>
    private static string? CallerRequest(CallFacts? facts, RedactedCall? call)
    {
        var reason = facts?.Text(FactNames.RefundReason) ?? facts?.Text(FactNames.DisputeReason) ?? facts?.Text(FactNames.CreditRequest);
        if (reason is not null)
        {
            return reason;
        }

        if (call is not null && facts?.Text(FactNames.WorkflowEvidence) is { } evidence)
        {
            foreach (Match cited in CallerCue().Matches(evidence))
            {
                if (int.TryParse(cited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var turn) && turn >= 0 && turn < call.Turns.Count)
                {
                    return call.Turns[turn].Text;
                }
            }
        }

        return call?.Summary;
    }

    /// <summary>How the caller was matched, in words: the record and what matched, or why none was found.</summary>
    private static string MatchBasis(CallerMatch? match)
    {
        if (match is null)
        {
            return "The caller was not looked up.";
        }

        var best = match.Providers.Where(p => p.Score > 0).OrderByDescending(p => p.Score).FirstOrDefault();
        if (best is null)
        {
            var looked = match.Providers.Select(p => $"{p.Provider}: {Lookup(p)}").ToList();
            return "No customer record matched the caller" + (looked.Count == 0 ? "." : $" ({string.Join("; ", looked)}).");
        }

        var basis = $"{best.Name ?? "a customer"} ({best.Provider} record {best.CustomerId}): the caller's {best.Basis} matched";
        if (match.Ambiguous || best.Candidates > 1)
        {
            basis += $"; {best.Candidates} records came back, so the match is uncertain";
        }

        return basis + ".";
    }

    private static string Lookup(ProviderMatch match) => match.Status switch
    {
        CustomerLookupStatus.NotFound => match.Basis is "NotFound" or "" ? "no record with the caller's details" : match.Basis,
        CustomerLookupStatus.NotConfigured => "not looked up (no credentials)",
        _ => match.Basis,
    };

    private static string? Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var masked = ApprovalText.MaskEmails(text.Trim());
        return masked.Length <= MaxQuote ? masked : masked[..(MaxQuote - 1)] + "\u2026";
    }

    private static string BaseUrlOf(CallStatusSnapshot status)
    {
        var statusUrl = status.Links?.StatusUrl ?? "http://localhost:7071/api/calls/" + status.CallId;
        var at = statusUrl.IndexOf("/api/calls/", StringComparison.Ordinal);
        return at < 0 ? statusUrl : statusUrl[..at];
    }

    [GeneratedRegex("caller \"[^\"]*\" \\(turn:(\\d+)\\)", RegexOptions.CultureInvariant)]
    private static partial Regex CallerCue();

    [LoggerMessage(2110, LogLevel.Warning, "Call {CallId}: the {Provider} request could not be previewed for approval ({Error}); the page says so.")]
    private static partial void PreviewFailed(ILogger logger, string callId, string provider, string error);
}
