using System.Text.Json;
using Microsoft.Playwright;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>
/// Reads the approval page as a browser renders it: each write's section (action, whether it sends, its request line)
/// and each field row (path, value as sent, and the three cells a person reads); and reads a recorded request's fields
/// the same way from the call's status, independently of the app's own code.
/// </summary>
internal static class ApprovalPageReader
{
    public sealed record PageField(string Path, string Sent, string Label, string Now, string New);

    public sealed record PageWrite(string Kind, string Mode, bool Sends, string? RequestLine, IReadOnlyList<PageField> Fields);

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    public static async Task<IReadOnlyList<PageWrite>> WritesAsync(IPage page)
    {
        var writes = new List<PageWrite>();
        foreach (var section in await page.Locator("section.write").AllAsync())
        {
            var request = section.Locator("code[data-request]");
            var fields = new List<PageField>();
            foreach (var row in await section.Locator("tr[data-field]").AllAsync())
            {
                var cells = await row.Locator("th, td").AllInnerTextsAsync();
                fields.Add(new PageField(
                    (await row.GetAttributeAsync("data-field"))!,
                    (await row.GetAttributeAsync("data-sent"))!,
                    cells[0].Trim(),
                    cells[1].Trim(),
                    cells[2].Trim()));
            }

            writes.Add(new PageWrite(
                (await section.GetAttributeAsync("data-kind"))!,
                (await section.GetAttributeAsync("data-mode"))!,
                await section.GetAttributeAsync("data-sends") == "true",
                await request.CountAsync() == 1 ? (await request.InnerTextAsync()).Trim() : null,
                fields));
        }

        return writes;
    }

    /// <summary>A recorded request's fields: query parameters as <c>?name</c> (masked credentials left out) and every JSON body member.</summary>
    public static Dictionary<string, string> RecordedFields(JsonElement request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var url = new Uri(request.GetProperty("url").GetString()!);
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : "");
            if (value != "***")
            {
                fields["?" + Uri.UnescapeDataString(parts[0])] = value;
            }
        }

        if (request.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
        {
            using var json = JsonDocument.Parse(body.GetString()!);
            Flatten(json.RootElement, "", fields);
        }

        return fields;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var member in element.EnumerateObject())
                {
                    Flatten(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}", fields);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{i++}]", fields);
                }

                break;
            case JsonValueKind.String:
                fields[path] = element.GetString()!;
                break;
            default:
                fields[path] = element.GetRawText();
                break;
        }
    }
}
