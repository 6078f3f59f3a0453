using Microsoft.AspNetCore.Antiforgery;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// <c>GET /api/approvals/{token}</c> shows the request and never decides (link scanners open every URL);
/// <c>POST /api/approvals/{token}</c> decides, with an antiforgery token from the page (and, when a write adds a company
/// bank account, its numbers, checked and kept encrypted until sent); <c>GET /api/approvals/{token}/transcript</c> shows
/// the call's redacted transcript to the link's holder. Bad links get one 404 page that reveals nothing; expired links
/// and closed requests 410; replays and late second decisions 409.
/// </summary>
internal static partial class ApprovalEndpoints
{
    public const int MaxCommentLength = 500;

    public static WebApplication MapApprovalPages(this WebApplication app)
    {
        app.MapGet("/api/approvals/{token}", ShowAsync);
        app.MapPost("/api/approvals/{token}", DecideAsync);
        app.MapGet("/api/approvals/{token}/transcript", TranscriptAsync);
        return app;
    }

    internal static async Task<IResult> ShowAsync(string token, HttpContext http, ApprovalTokens tokens, ApprovalDecisions decisions, ApprovalViews views, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var (_, ticket) = tokens.Read(token);
        if (ticket is null)
        {
            return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
        }

        var look = await decisions.InspectAsync(ticket, cancellationToken);
        switch (look.State)
        {
            case ApprovalState.NotFound:
                return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
            case ApprovalState.Expired:
                return Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt, views.ZoneOf(ticket)));
            case ApprovalState.Open:
                var form = antiforgery.GetAndStoreTokens(http);
                var bank = await views.BankAccountAsync(look.Request!, cancellationToken);
                return Page(http, StatusCodes.Status200OK, ApprovalPage.Form(views.View(look.Request!, ticket, token), form.FormFieldName, form.RequestToken!, look.Approvals, bank, []));
            case ApprovalState.Closed:
                return Page(http, StatusCodes.Status410Gone, ApprovalPage.Outcome(look, views.View(look.Request!, ticket, token)));
            default:
                return Page(http, StatusCodes.Status200OK, ApprovalPage.Outcome(look, views.View(look.Request!, ticket, token)));
        }
    }

    internal static async Task<IResult> DecideAsync(string token, HttpContext http, ApprovalTokens tokens, ApprovalDecisions decisions, ApprovalViews views, IAntiforgery antiforgery, ILogger<ApprovalDecisions> logger, CancellationToken cancellationToken)
    {
        var (_, ticket) = tokens.Read(token);
        if (ticket is null)
        {
            Refused(logger, "invalid link");
            return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
        }

        var look = await decisions.InspectAsync(ticket, cancellationToken);
        if (look.State == ApprovalState.NotFound)
        {
            Refused(logger, "link for no request of this approver");
            return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
        }

        if (look.State == ApprovalState.Expired)
        {
            return Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt, views.ZoneOf(ticket)));
        }

        if (!http.Request.HasFormContentType)
        {
            return Page(http, StatusCodes.Status400BadRequest, ApprovalPage.BadForm("The decision must come from the approval page's form."));
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            Refused(logger, "antiforgery check failed");
            return Page(http, StatusCodes.Status400BadRequest, ApprovalPage.BadForm("The page's security check did not match (it may have been opened in another browser)."));
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var choice = form["decision"].ToString();
        var comment = form["comment"].ToString();
        if (choice is not ("approve" or "reject"))
        {
            return Page(http, StatusCodes.Status400BadRequest, ApprovalPage.BadForm("Choose Approve or Reject."));
        }

        if (comment.Length > MaxCommentLength)
        {
            return Page(http, StatusCodes.Status400BadRequest, ApprovalPage.BadForm($"The comment is longer than {MaxCommentLength} characters."));
        }

        // Approving a new company bank account needs its numbers, typed here: checked, then kept encrypted until sent.
        var approve = choice == "approve";
        var keptEntry = false;
        ApprovalResult result;
        try
        {
            if (approve && look.State == ApprovalState.Open && await views.BankAccountAsync(look.Request!, cancellationToken) is BankAccountState.Needed needed)
            {
                var (entry, problems) = BankAccountForm.Read(form);
                if (entry is null)
                {
                    Refused(logger, "bank account fields incomplete or invalid");
                    var again = antiforgery.GetAndStoreTokens(http);
                    return Page(http, StatusCodes.Status400BadRequest, ApprovalPage.Form(views.View(look.Request!, ticket, token), again.FormFieldName, again.RequestToken!, look.Approvals, needed, problems));
                }

                keptEntry = await views.BankAccounts.TryAddAsync(ticket.CallId, entry, ticket.Approver, cancellationToken);
            }

            result = await decisions.DecideAsync(ticket, approve, comment, "link", cancellationToken);
            if (keptEntry && result.State != ApprovalState.Recorded)
            {
                await views.BankAccounts.ForgetAsync(ticket.CallId, cancellationToken);
            }
        }
        catch (Exception ex) when (AppData.StoreOutage.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            StoreUnavailable(logger, ex);
            http.Response.Headers.RetryAfter = "30";
            return Page(http, StatusCodes.Status503ServiceUnavailable, ApprovalPage.Unavailable());
        }

        var view = result.Request is null ? null : views.View(result.Request, ticket, token);
        return result.State switch
        {
            ApprovalState.NotFound => Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound()),
            ApprovalState.Expired => Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt, views.ZoneOf(ticket))),
            ApprovalState.Closed => Page(http, StatusCodes.Status410Gone, ApprovalPage.Outcome(result, view!)),
            ApprovalState.Recorded => Page(http, StatusCodes.Status200OK, ApprovalPage.Outcome(result, view!)),
            _ => Page(http, StatusCodes.Status409Conflict, ApprovalPage.Outcome(result, view!)),
        };
    }

    /// <summary>The call's redacted transcript for whoever holds a valid, unexpired approval link of the call.</summary>
    internal static async Task<IResult> TranscriptAsync(string token, HttpContext http, ApprovalTokens tokens, ApprovalDecisions decisions, ApprovalViews views, CancellationToken cancellationToken)
    {
        var (_, ticket) = tokens.Read(token);
        if (ticket is null)
        {
            return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
        }

        var look = await decisions.InspectAsync(ticket, cancellationToken);
        if (look.State == ApprovalState.NotFound)
        {
            return Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound());
        }

        if (look.State == ApprovalState.Expired)
        {
            return Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt, views.ZoneOf(ticket)));
        }

        var call = await views.Transcripts.ReadAsync(ticket.CallId, cancellationToken);
        return Page(http, StatusCodes.Status200OK, ApprovalPage.Transcript(views.View(look.Request!, ticket, token), call, "/api/approvals/" + Uri.EscapeDataString(token)));
    }

    private static IResult Page(HttpContext http, int status, string html)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    [LoggerMessage(2201, LogLevel.Warning, "Approval decision refused: {Reason}.")]
    private static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(2204, LogLevel.Error, "Approval decision not recorded: the store is unavailable.")]
    private static partial void StoreUnavailable(ILogger logger, Exception exception);
}
