using DialNexa.Functions.Review;
using System.Net;
using DialNexa.Functions.Approvals;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Json;
using DialNexa.Functions.Redaction;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The console's handlers, host-neutral: each takes the request and the path the console is served under
/// (<c>/console</c> on the self-host, <c>/api/console</c> under the Functions host) and answers HTML (or CSV). Every
/// answer is marked no-store with a strict content security policy; a page needs a session (otherwise it redirects to
/// sign-in); a POST needs the form's antiforgery token; a GET changes nothing but the session's idle clock.
/// </summary>
internal static partial class ConsoleEndpoints
{
    private const int MaxFormBytes = 16 * 1024;
    private const int MaxNameLength = 200;
    private const int MaxNoteLength = 2000;

    public static IResult Home(HttpContext http, string basePath)
    {
        Harden(http);
        return Redirect(basePath + (Sessions(http).Read(http) is null ? "/sign-in" : "/calls"));
    }

    public static IResult SignInForm(HttpContext http, string basePath)
    {
        Harden(http);
        var sessions = Sessions(http);
        if (sessions.Read(http) is not null)
        {
            return Redirect(basePath + "/calls");
        }

        var notice = http.Request.Query.ContainsKey("signed-out") ? "You are signed out." : http.Request.Query.ContainsKey("expired") ? "Your session ended; sign in again." : null;
        return Html(StatusCodes.Status200OK, SignInPage.Render(basePath, sessions.KeyConfigured ? sessions.SignInToken(http, basePath) : "", sessions.KeyConfigured, null, notice));
    }

    public static async Task<IResult> SignInAsync(HttpContext http, string basePath)
    {
        Harden(http);
        var sessions = Sessions(http);
        if (!sessions.KeyConfigured)
        {
            return Html(StatusCodes.Status403Forbidden, SignInPage.Render(basePath, "", false, null, null));
        }

        var (form, refusal) = await ReadFormAsync(http);
        if (form is null)
        {
            return refusal!;
        }

        if (!sessions.IsSignInTokenValid(http, form[ConsoleSessions.TokenField]))
        {
            return Html(StatusCodes.Status400BadRequest, SignInPage.Render(basePath, sessions.SignInToken(http, basePath), true, "The form had expired or was not this console's. Try again.", null));
        }

        var throttle = Service<SignInThrottle>(http);
        var address = SignInThrottle.ClientOf(http);
        if (throttle.WaitFor(address) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            SignInThrottled(Logger(http));
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Html(StatusCodes.Status429TooManyRequests, SignInPage.Render(basePath, sessions.SignInToken(http, basePath), true, $"Too many wrong keys from this address. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.", null));
        }

        var zone = form["zone"].ToString().Trim();
        if (ApprovalText.Zone(zone) is null)
        {
            zone = "UTC";
        }

        if (sessions.SignIn(http, form["key"].ToString(), zone, basePath) is null)
        {
            throttle.Failed(address);
            SignInRefused(Logger(http));
            return Html(StatusCodes.Status401Unauthorized, SignInPage.Render(basePath, sessions.SignInToken(http, basePath), true, "That is not the admin key.", null));
        }

        throttle.Succeeded(address);
        return Redirect(basePath + "/calls");
    }

    public static async Task<IResult> SignOutAsync(HttpContext http, string basePath)
    {
        Harden(http);
        var (session, form, refusal) = await PostedAsync(http, basePath);
        if (session is null || form is null)
        {
            return refusal!;
        }

        Sessions(http).SignOut(http, basePath);
        return Redirect(basePath + "/sign-in?signed-out");
    }

    public static async Task<IResult> CallsAsync(HttpContext http, string basePath)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var query = CallQuery.Read(http.Request.Query);
        var zone = ZoneOf(session);
        var found = await FindAsync(http, query, zone);
        var time = Service<TimeProvider>(http);
        return Html(query.Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, CallsPage.Render(basePath, Sessions(http).FormToken(session), query, found, zone, time.GetUtcNow()));
    }

    public static async Task<IResult> CallsCsvAsync(HttpContext http, string basePath)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var query = CallQuery.Read(http.Request.Query);
        if (query.Problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The search could not be read.", detail: string.Join(" ", query.Problems));
        }

        var found = await FindAsync(http, query, ZoneOf(session));
        var name = $"calls-{Service<TimeProvider>(http).GetUtcNow():yyyyMMdd-HHmm}.csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return Results.Text(CallsCsv.Render(found), "text/csv; charset=utf-8", System.Text.Encoding.UTF8);
    }

    public static async Task<IResult> CallAsync(HttpContext http, string basePath, string callId)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var token = Sessions(http).FormToken(session);
        var client = Service<IDurableClientSource>(http).Client;
        var instance = await client.GetInstanceAsync(callId, getInputsAndOutputs: true, http.RequestAborted);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return NotFound(basePath, token, callId);
        }

        var described = CallStatusEndpoints.Describe(instance);
        var status = AppJson.Deserialize<CallStatusSnapshot>(CallStatusEndpoints.SnapshotJsonOf(instance)) ?? new CallStatusSnapshot { CallId = callId, Stage = HandoffStage.Received };
        IList<HistoryEvent>? history;
        try
        {
            history = await client.GetOrchestrationHistoryAsync(callId, http.RequestAborted);
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException or InvalidOperationException)
        {
            // A client that returns no history (an orchestration service without it says so with one of these) still
            // gets the call's page: the timeline is built from the app's own records and says the history is missing.
            history = null;
        }

        var records = await RecordsAsync(http, callId, status);
        var timeline = CallTimeline.Build(status, history, records);
        var listed = await Service<CallList>(http).ReadAsync(callId, http.RequestAborted);
        return Html(StatusCodes.Status200OK, CallPage.Render(basePath, token, status, described["stage"]?.GetValue<string>() is { } stage && stage != status.Stage.ToString() ? $"{instance.RuntimeStatus}, {stage}" : instance.RuntimeStatus.ToString(), listed, timeline, history is not null, ZoneOf(session)));
    }

    public static async Task<IResult> TranscriptAsync(HttpContext http, string basePath, string callId)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var token = Sessions(http).FormToken(session);
        var instance = await Service<IDurableClientSource>(http).Client.GetInstanceAsync(callId, getInputsAndOutputs: false, http.RequestAborted);
        if (instance is null || instance.Name != nameof(CallHandoffOrchestrator))
        {
            return NotFound(basePath, token, callId);
        }

        var call = await Service<CallTranscripts>(http).ReadAsync(callId, http.RequestAborted);
        return Html(StatusCodes.Status200OK, CallPage.Transcript(basePath, token, callId, call, ZoneOf(session)));
    }

    public static async Task<IResult> RecordingAsync(HttpContext http, string basePath, string callId)
    {
        Harden(http);
        if (Session(http, basePath) is null)
        {
            return ToSignIn(basePath);
        }

        return await CallStatusEndpoints.GetRecordingAsync(callId, Service<IDurableClientSource>(http), Service<CallRecordingStore>(http), Service<IOptions<RecordingOptions>>(http), http.RequestAborted);
    }

    public static async Task<IResult> ReviewAsync(HttpContext http, string basePath)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var queue = Service<ReviewQueue>(http);
        var calls = Service<CallList>(http);
        var transcripts = Service<CallTranscripts>(http);
        var open = new List<ReviewEntry>();
        foreach (var item in await queue.ListOpenAsync(http.RequestAborted))
        {
            var call = await calls.ReadAsync(item.CallId, http.RequestAborted);
            open.Add(new ReviewEntry(item, call, Excerpt(await transcripts.ReadAsync(item.CallId, http.RequestAborted))));
        }

        var resolved = (await queue.ListResolvedAsync(http.RequestAborted)).OrderByDescending(r => r.Resolution.ResolvedAt).ToList();
        var notice = http.Request.Query["resolved"].ToString() is { Length: > 0 } done ? $"Resolved {done}." : null;
        return Html(StatusCodes.Status200OK, ReviewPage.Render(basePath, Sessions(http).FormToken(session), open, resolved, ZoneOf(session), Service<TimeProvider>(http).GetUtcNow(), notice));
    }

    public static async Task<IResult> ResolveAsync(HttpContext http, string basePath, string instanceId)
    {
        Harden(http);
        var (session, form, refusal) = await PostedAsync(http, basePath);
        if (session is null || form is null)
        {
            return refusal!;
        }

        var token = Sessions(http).FormToken(session);
        var resolvedBy = form["resolvedBy"].ToString().Trim();
        var note = form["note"].ToString().Trim();
        if (resolvedBy.Length is 0 or > MaxNameLength)
        {
            return Message(basePath, token, StatusCodes.Status400BadRequest, "Say who resolved it", $"Fill in \"Resolved by\" with your name or email, at most {MaxNameLength} characters. Nothing was resolved.");
        }

        if (note.Length > MaxNoteLength)
        {
            return Message(basePath, token, StatusCodes.Status400BadRequest, "The note is too long", $"The note is {note.Length} characters; the limit is {MaxNoteLength}. Nothing was resolved.");
        }

        var subject = await Service<IReviewSubjects>(http).FindAsync(instanceId, http.RequestAborted);
        if (subject is null)
        {
            return NotFound(basePath, token, instanceId);
        }

        // As POST /api/review/{id}/resolve decides: in review by its status, or a failed handoff the queue holds.
        var queue = Service<ReviewQueue>(http);
        var open = await queue.ReadOpenAsync(instanceId, http.RequestAborted);
        if (!subject.InReview && !(subject.Failed && open is not null))
        {
            return Message(basePath, token, StatusCodes.Status409Conflict, "Not in review", $"'{instanceId}' is {subject.Stage}, not in review; only calls in review can be resolved.");
        }

        var redactor = Service<TranscriptRedactor>(http);
        var resolution = new ReviewResolution(redactor.Redact(resolvedBy).Text, note.Length == 0 ? null : redactor.Redact(note).Text, Service<TimeProvider>(http).GetUtcNow());
        if (await queue.TryResolveAsync(open ?? subject.ItemFromStatus, resolution, http.RequestAborted) is { } earlier)
        {
            return Message(basePath, token, StatusCodes.Status409Conflict, "Already resolved", $"'{instanceId}' was resolved by {earlier.Resolution.ResolvedBy} at {earlier.Resolution.ResolvedAt:u}; that resolution stands.");
        }

        return Redirect($"{basePath}/review?resolved={Uri.EscapeDataString(instanceId)}");
    }

    public static async Task<IResult> ApprovalsAsync(HttpContext http, string basePath)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var waiting = (await Service<CallList>(http).NewestFirstAsync(http.RequestAborted))
            .Where(c => c.Stage == HandoffStage.AwaitingApproval && c.Approval is not null)
            .OrderBy(c => c.Approval!.RequestedAt)
            .ToList();
        var reminded = http.Request.Query["reminded"].ToString();
        var refused = http.Request.Query["not-reminded"].ToString();
        var notice = reminded.Length > 0 ? $"Reminder sent again for call {reminded}." : refused.Length > 0 ? $"No reminder was sent for call {refused}: it no longer waits for approval." : null;
        return Html(StatusCodes.Status200OK, ApprovalsPage.Render(basePath, Sessions(http).FormToken(session), waiting, ZoneOf(session), Service<TimeProvider>(http).GetUtcNow(), notice, refused.Length > 0));
    }

    public static async Task<IResult> RemindAsync(HttpContext http, string basePath, string callId)
    {
        Harden(http);
        var (session, form, refusal) = await PostedAsync(http, basePath);
        if (session is null || form is null)
        {
            return refusal!;
        }

        var (sent, why) = await Service<ApprovalReminders>(http).SendAsync(callId, http.RequestAborted);
        if (sent is null)
        {
            ReminderRefused(Logger(http), why!);
            return Redirect($"{basePath}/approvals?not-reminded={Uri.EscapeDataString(callId)}");
        }

        await Service<CallList>(http).RemindedAsync(callId, sent.SentAt, http.RequestAborted);
        return Redirect($"{basePath}/approvals?reminded={Uri.EscapeDataString(callId)}");
    }

    public static async Task<IResult> TrendsAsync(HttpContext http, string basePath)
    {
        Harden(http);
        if (Session(http, basePath) is not { } session)
        {
            return ToSignIn(basePath);
        }

        var calls = await Service<CallList>(http).NewestFirstAsync(http.RequestAborted);
        return Html(StatusCodes.Status200OK, TrendsFigure.Render(basePath, Sessions(http).FormToken(session), calls, ZoneOf(session), Service<TimeProvider>(http).GetUtcNow()));
    }

    private static async Task<List<ListedCall>> FindAsync(HttpContext http, CallQuery query, TimeZoneInfo zone)
    {
        var calls = await Service<CallList>(http).NewestFirstAsync(http.RequestAborted);
        var digests = query.Text is { } text ? await Service<SearchDigests>(http).ForSearchAsync(text, http.RequestAborted) : new HashSet<string>();
        return CallSearch.Filter(calls, query, digests, zone);
    }

    /// <summary>What the app's records add to the history: reminders sent again, late deliveries, the review's resolution.</summary>
    private static async Task<List<TimelineEntry>> RecordsAsync(HttpContext http, string callId, CallStatusSnapshot status)
    {
        var records = new List<TimelineEntry>();
        foreach (var reminder in await Service<ApprovalReminders>(http).ListAsync(callId, http.RequestAborted))
        {
            records.Add(new(reminder.SentAt, $"Reminder sent again from the console: Slack {reminder.Slack}, {reminder.MailsSent} mail(s) sent{(reminder.MailsFailed > 0 ? $", {reminder.MailsFailed} not sent" : "")}."));
        }

        var queue = Service<ReviewQueue>(http);
        if (status.Stage == HandoffStage.InReview && await queue.ReadResolvedAsync(callId, http.RequestAborted) is { } resolved)
        {
            records.Add(new(resolved.Resolution.ResolvedAt, $"Review resolved by {resolved.Resolution.ResolvedBy}{(resolved.Resolution.Note is { } note ? $": \"{note}\"" : ".")}"));
        }

        foreach (var (instanceId, done) in await Service<LateDeliveryReviews>(http).ListAsync(callId, http.RequestAborted))
        {
            var item = done ? (await queue.ReadResolvedAsync(instanceId, http.RequestAborted))?.Item : await queue.ReadOpenAsync(instanceId, http.RequestAborted);
            records.Add(new(item?.OpenedAt ?? DateTimeOffset.MinValue, $"A late delivery ({instanceId}) arrived after the handoff had finished and went to review{(done ? "; it was resolved." : "; it is still open.")}"));
        }

        return records;
    }

    private static string? Excerpt(RedactedCall? call)
    {
        var text = call?.Summary ?? call?.Turns.FirstOrDefault(t => t.Speaker == "User")?.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = ApprovalText.MaskEmails(text.Trim());
        return text.Length <= 240 ? text : text[..239] + "…";
    }

    /// <summary>The session of a page request, renewed; null when there is none (or it ended).</summary>
    private static ConsoleSession? Session(HttpContext http, string basePath)
    {
        var sessions = Sessions(http);
        if (sessions.Read(http) is not { } session)
        {
            return null;
        }

        sessions.Renew(http, session, basePath);
        return session;
    }

    /// <summary>The session and form of a POST, with its antiforgery token checked; otherwise the answer to give.</summary>
    private static async Task<(ConsoleSession? Session, IFormCollection? Form, IResult? Refusal)> PostedAsync(HttpContext http, string basePath)
    {
        var sessions = Sessions(http);
        if (sessions.Read(http) is not { } session)
        {
            return (null, null, Html(StatusCodes.Status401Unauthorized, ConsoleHtml.Bare("Signed out", $"<h1>You are not signed in</h1><p role=\"alert\">Your session ended, so nothing was done. <a href=\"{ConsoleHtml.E(basePath)}/sign-in\">Sign in</a> and try again.</p>")));
        }

        var (form, refusal) = await ReadFormAsync(http);
        if (form is null)
        {
            return (null, null, refusal);
        }

        if (!sessions.IsFormTokenValid(session, form[ConsoleSessions.TokenField]))
        {
            return (null, null, Message(basePath, sessions.FormToken(session), StatusCodes.Status400BadRequest, "The form had expired", "The form was not one this session showed (or it is from before you last signed in), so nothing was done. Go back, reload the page and try again."));
        }

        sessions.Renew(http, session, basePath);
        return (session, form, null);
    }

    private static async Task<(IFormCollection? Form, IResult? Refusal)> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, Html(StatusCodes.Status415UnsupportedMediaType, ConsoleHtml.Bare("Not a form", "<h1>Not a form</h1><p role=\"alert\">The console takes its forms as the browser sends them; nothing was done.</p>")));
        }

        if (http.Request.ContentLength is null or > MaxFormBytes)
        {
            return (null, Html(StatusCodes.Status413PayloadTooLarge, ConsoleHtml.Bare("Too large", $"<h1>The form is too large</h1><p role=\"alert\">Forms are at most {MaxFormBytes / 1024} KiB; nothing was done.</p>")));
        }

        return (await http.Request.ReadFormAsync(http.RequestAborted), null);
    }

    private static IResult NotFound(string basePath, string token, string id) =>
        Message(basePath, token, StatusCodes.Status404NotFound, "No such call", $"No call or late delivery has the ID '{id}'. It may have been erased.");

    private static IResult Message(string basePath, string token, int status, string title, string text) =>
        Html(status, ConsoleHtml.Page(basePath, "", title, token, $"<h1>{ConsoleHtml.E(title)}</h1><p role=\"alert\">{ConsoleHtml.E(text)}</p><p><a href=\"{ConsoleHtml.E(basePath)}/calls\">Back to the calls</a></p>"));

    private static IResult ToSignIn(string basePath) => Redirect(basePath + "/sign-in");

    /// <summary>303: after a POST the browser GETs the target; after a GET it is the same as 302.</summary>
    private static IResult Redirect(string location) => new SeeOther(location);

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>Headers on every console answer: nothing cached, nothing framed, no referrer, a strict content security policy.</summary>
    private static void Harden(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.ContentSecurityPolicy = ConsoleHtml.ContentSecurityPolicy;
    }

    private static TimeZoneInfo ZoneOf(ConsoleSession session) => ApprovalText.Zone(session.Zone) ?? TimeZoneInfo.Utc;

    private static ConsoleSessions Sessions(HttpContext http) => Service<ConsoleSessions>(http);

    private static T Service<T>(HttpContext http)
        where T : notnull => http.RequestServices.GetRequiredService<T>();

    private static ILogger Logger(HttpContext http) => Service<ILoggerFactory>(http).CreateLogger("DialNexa.Functions.OperationsConsole");

    [LoggerMessage(2600, LogLevel.Warning, "Console sign-in refused: not the admin key.")]
    private static partial void SignInRefused(ILogger logger);

    [LoggerMessage(2602, LogLevel.Warning, "Console sign-in refused: too many wrong keys from this address; it waits out the lockout (DialNexa__Console__SignInLockout).")]
    private static partial void SignInThrottled(ILogger logger);

    [LoggerMessage(2601, LogLevel.Information, "Console reminder not sent: {Reason}")]
    private static partial void ReminderRefused(ILogger logger, string reason);

    /// <summary>A 303 See Other.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = (int)HttpStatusCode.SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
