using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The console's page frame and small HTML helpers: one column on a phone, wide tables scroll inside their box, labelled
/// controls, a navigation landmark, a sign-out form. No script except the sign-in page's one line that reads the
/// browser's time zone (allowed by its hash in the content security policy).
/// </summary>
internal static class ConsoleHtml
{
    /// <summary>The one script: fills the sign-in form's time zone from the browser.</summary>
    public const string ZoneScript = "document.getElementById('zone').value=Intl.DateTimeFormat().resolvedOptions().timeZone||'UTC';";

    /// <summary>Every console response's content security policy.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ZoneScript)))}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Style =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}" +
        "header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.5rem 1rem;background:#13294b;color:#fff}" +
        "header a{color:#fff}nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}" +
        "header button{background:#fff;color:#13294b;border:0;padding:.4rem .8rem}" +
        "main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin-top:0}h2{font-size:1.15rem;margin-top:1.5rem}" +
        "h1,h2,p,li,td,th,dd{overflow-wrap:anywhere}dt{font-weight:600}dd{margin:0 0 .5rem}" +
        ".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;width:100%;margin:.5rem 0}.scroll table{min-width:48rem}.scroll td,.scroll th{overflow-wrap:normal}" +
        "th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ccc}thead th{font-size:.9rem;background:#f3f3f3}" +
        "td.num{text-align:right;white-space:nowrap}.muted{color:#555}.small{font-size:.9rem}" +
        "form.search{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem 1rem;align-items:end;margin-bottom:1rem}" +
        "label{display:block;font-weight:600}input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}" +
        "button,.button{font:inherit;padding:.55rem 1rem;border-radius:.3rem;border:2px solid #13294b;background:#13294b;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}" +
        ".secondary{background:#fff;color:#13294b}.pager{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}" +
        ".item{border:1px solid #bbb;border-radius:.3rem;padding:.75rem;margin:.75rem 0}.item h3{margin:.1rem 0 .4rem;font-size:1.05rem}" +
        "blockquote{margin:.25rem 0 .5rem;padding:.25rem .75rem;border-left:.25rem solid #888;background:#f6f6f6}" +
        "ol.timeline{padding-left:1.25rem}ol.timeline li{margin:.35rem 0}ol.timeline time{font-weight:600;display:block}" +
        "[role=status],[role=alert]{padding:.75rem;border-left:.3rem solid #13294b;background:#f3f3f3}[role=alert]{border-color:#8a1010}" +
        "svg{max-width:100%;height:auto}.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle}";

    public static readonly (string Path, string Label)[] Sections =
    [
        ("/calls", "Calls"),
        ("/review", "Review"),
        ("/approvals", "Approvals waiting"),
        ("/trends", "Trends"),
    ];

    /// <summary>A signed-in page: navigation (the current section marked), sign-out, then the body.</summary>
    public static string Page(string basePath, string section, string title, string formToken, string body)
    {
        var html = new StringBuilder();
        html.Append("<header><nav aria-label=\"Console\"><ul>");
        foreach (var (path, label) in Sections)
        {
            var current = path == section ? " aria-current=\"page\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(basePath + path)}\"{current}>{E(label)}</a></li>");
        }

        html.Append("</ul></nav>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(basePath)}/sign-out\">{TokenField(formToken)}<button type=\"submit\">Sign out</button></form></header>");
        html.Append("<main>").Append(body).Append("</main>");
        return Document(title, html.ToString());
    }

    /// <summary>A page outside the session (sign-in, errors before sign-in).</summary>
    public static string Bare(string title, string body) => Document(title, "<main>" + body + "</main>");

    public static string TokenField(string token) =>
        $"<input type=\"hidden\" name=\"{ConsoleSessions.TokenField}\" value=\"{E(token)}\">";

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A short time for tables, in the viewer's zone: "5 Dec 14:03" (with the year when it is not this year's).</summary>
    public static string Short(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var format = local.Year == TimeZoneInfo.ConvertTime(now, zone).Year ? "d MMM HH:mm" : "d MMM yyyy HH:mm";
        return $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{E(local.ToString(format, CultureInfo.InvariantCulture))}</time>";
    }

    /// <summary>A full time in the viewer's zone, with UTC beside it (as the approval page writes it).</summary>
    public static string Long(DateTimeOffset at, TimeZoneInfo zone) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{E(Approvals.ApprovalText.When(at, zone))}</time>";

    /// <summary>A time to the second in the viewer's zone, with UTC beside it: for timelines, where steps are seconds apart.</summary>
    public static string Precise(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var utc = at.UtcDateTime;
        var text = zone == TimeZoneInfo.Utc || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime)
            ? utc.ToString("ddd d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : $"{local.ToString("ddd d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture)} {Approvals.ApprovalText.ZoneName(zone)} ({utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC)";
        return $"<time datetime=\"{utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}\">{E(text)}</time>";
    }

    /// <summary>"2 h 05 min", "3 d 4 h", "45 s".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = -span;
        }

        return span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");
    }

    private static string Document(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"robots\" content=\"noindex, nofollow\"><title>{E(title)} · DialNexa console</title><style>{Style}</style></head><body>{body}</body></html>";
}
