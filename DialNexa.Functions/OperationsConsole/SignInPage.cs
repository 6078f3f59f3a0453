using System.Globalization;
using System.Text;
using static DialNexa.Functions.OperationsConsole.ConsoleHtml;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>The sign-in page: the admin key once, and the time zone times are shown in (filled from the browser when it runs the one script).</summary>
internal static class SignInPage
{
    public static string Render(string basePath, string token, bool keyConfigured, string? problem, string? notice)
    {
        var html = new StringBuilder("<h1>DialNexa operations console</h1>");
        if (!keyConfigured)
        {
            html.Append("<p role=\"alert\">The console signs people in with the admin key, and none is set. Set <code>DialNexa__AdminKey</code> (16 or more characters; a Key Vault reference on Azure) and restart the app.</p>");
            return Bare("Sign in", html.ToString());
        }

        if (problem is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\">{E(problem)}</p>");
        }

        if (notice is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(notice)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(basePath)}/sign-in\">{TokenField(token)}");
        html.Append("<label for=\"key\">Admin key</label><input id=\"key\" name=\"key\" type=\"password\" required autocomplete=\"current-password\" maxlength=\"512\">");
        html.Append("<label for=\"zone\">Time zone for times shown</label><input id=\"zone\" name=\"zone\" value=\"UTC\" maxlength=\"64\" autocomplete=\"off\" aria-describedby=\"zone-hint\">");
        html.Append("<p id=\"zone-hint\" class=\"small muted\">An IANA name such as Europe/London or America/New_York.</p>");
        html.Append("<p><button type=\"submit\">Sign in</button></p></form>");
        html.Append(CultureInfo.InvariantCulture, $"<script>{ZoneScript}</script>");
        return Bare("Sign in", html.ToString());
    }
}
