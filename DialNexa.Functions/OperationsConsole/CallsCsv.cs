using System.Globalization;
using System.Text;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>
/// The calls of a search as CSV (RFC 4180, UTF-8): the same columns as the page, times in UTC. Contact details are masked
/// as on the page, and a cell that a spreadsheet would read as a formula (one starting with =, +, -, @, a tab or a
/// carriage return) gets a leading apostrophe, so opening the file runs nothing a caller's words put there.
/// </summary>
internal static class CallsCsv
{
    public static string Render(IEnumerable<ListedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var csv = new StringBuilder("received_at_utc,call_id,stage,workflow,customer,contact,amount,currency,provider_actions\r\n");
        foreach (var call in calls)
        {
            Row(
                csv,
                call.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                call.CallId,
                call.Stage.ToString(),
                call.Workflow?.ToString(),
                call.CustomerName,
                call.MaskedEmail ?? call.MaskedPhone,
                call.Amount?.ToString("0.00", CultureInfo.InvariantCulture),
                call.Currency,
                string.Join("; ", call.Actions.Select(ConsoleWords.Action)));
        }

        return csv.ToString();
    }

    /// <summary>One cell, quoted when it must be, defused when a spreadsheet would run it.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void Row(StringBuilder csv, params string?[] cells)
    {
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }
}
