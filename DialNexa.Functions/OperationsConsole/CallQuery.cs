using DialNexa.Functions.Calls;
using System.Globalization;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// What the calls page was asked for: a search text (call ID, email, phone, invoice number or amount), a stage, a
/// workflow, a date range (days in the viewer's zone) and a page. Read from the query string; what cannot be read is
/// listed in <see cref="Problems"/> and the page says so instead of guessing.
/// </summary>
public sealed record CallQuery
{
    public const int PageSize = 50;

    public string? Text { get; init; }

    public HandoffStage? Stage { get; init; }

    public HandoffWorkflow? Workflow { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int Page { get; init; } = 1;

    public IReadOnlyList<string> Problems { get; init; } = [];

    public static CallQuery Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var text = query["q"].ToString().Trim();
        if (text.Length > 200)
        {
            problems.Add("The search text is longer than 200 characters.");
            text = "";
        }

        return new CallQuery
        {
            Text = text.Length == 0 ? null : text,
            Stage = EnumOf<HandoffStage>(query["stage"], "stage", problems),
            Workflow = EnumOf<HandoffWorkflow>(query["workflow"], "workflow", problems),
            From = DateOf(query["from"], "from date", problems),
            To = DateOf(query["to"], "to date", problems),
            Page = PageOf(query["page"], problems),
            Problems = problems,
        };
    }

    /// <summary>The query string of this query on another page (page 1 is left out).</summary>
    public string QueryString(int? page = null)
    {
        var parts = new List<string>();
        Add(parts, "q", Text);
        Add(parts, "stage", Stage?.ToString());
        Add(parts, "workflow", Workflow?.ToString());
        Add(parts, "from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(parts, "to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var number = page ?? Page;
        if (number > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"page={number}"));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    private static T? EnumOf<T>(string? value, string name, List<string> problems)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !value.Trim().All(char.IsAsciiDigit))
        {
            return parsed;
        }

        problems.Add($"There is no {name} called \"{Clip(value)}\".");
        return null;
    }

    private static DateOnly? DateOf(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"The {name} \"{Clip(value)}\" is not a date like 2026-12-05.");
        return null;
    }

    private static int PageOf(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000)
        {
            return page;
        }

        problems.Add($"\"{Clip(value)}\" is not a page number.");
        return 1;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
