using Microsoft.AspNetCore.Antiforgery;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// <c>GET /api/approvals/{token}</c> shows the request and never decides (link scanners open every URL);
/// <c>POST /api/approvals/{token}</c> decides, with an antiforgery token from the page. Bad links get one 404 page
/// that reveals nothing; expired links and closed requests 410; replays and late second decisions 409.
/// </summary>
internal static partial class ApprovalEndpoints
{
    public const int MaxCommentLength = 500;

    public static WebApplication MapApprovalPages(this WebApplication app)
    {
        app.MapGet("/api/approvals/{token}", ShowAsync);
        app.MapPost("/api/approvals/{token}", DecideAsync);
        return app;
    }

    internal static async Task<IResult> ShowAsync(string token, HttpContext http, ApprovalTokens tokens, ApprovalDecisions decisions, IAntiforgery antiforgery, CancellationToken cancellationToken)
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
                return Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt));
            case ApprovalState.Open:
                var form = antiforgery.GetAndStoreTokens(http);
                return Page(http, StatusCodes.Status200OK, ApprovalPage.Form(look.Request!, ticket, form.FormFieldName, form.RequestToken!, look.Approvals));
            case ApprovalState.Closed:
                return Page(http, StatusCodes.Status410Gone, ApprovalPage.Outcome(look));
            default:
                return Page(http, StatusCodes.Status200OK, ApprovalPage.Outcome(look));
        }
    }

    internal static async Task<IResult> DecideAsync(string token, HttpContext http, ApprovalTokens tokens, ApprovalDecisions decisions, IAntiforgery antiforgery, ILogger<ApprovalDecisions> logger, CancellationToken cancellationToken)
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
            return Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt));
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

        ApprovalResult result;
        try
        {
            result = await decisions.DecideAsync(ticket, choice == "approve", comment, "link", cancellationToken);
        }
        catch (Exception ex) when (AppData.StoreOutage.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            StoreUnavailable(logger, ex);
            http.Response.Headers.RetryAfter = "30";
            return Page(http, StatusCodes.Status503ServiceUnavailable, ApprovalPage.Unavailable());
        }

        return result.State switch
        {
            ApprovalState.NotFound => Page(http, StatusCodes.Status404NotFound, ApprovalPage.NotFound()),
            ApprovalState.Expired => Page(http, StatusCodes.Status410Gone, ApprovalPage.Expired(ticket.ExpiresAt)),
            ApprovalState.Closed => Page(http, StatusCodes.Status410Gone, ApprovalPage.Outcome(result)),
            ApprovalState.Recorded => Page(http, StatusCodes.Status200OK, ApprovalPage.Outcome(result)),
            _ => Page(http, StatusCodes.Status409Conflict, ApprovalPage.Outcome(result)),
        };
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
