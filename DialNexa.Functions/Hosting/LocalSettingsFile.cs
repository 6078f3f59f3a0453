using System.Text.Json;

namespace DialNexa.Functions.Hosting;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json the way the Functions host does: each value becomes a setting,
/// with <c>__</c> in a name meaning a configuration section (<c>DialNexa__AdminKey</c> is <c>DialNexa:AdminKey</c>).
/// Environment variables set for the process win over the file, as in the Functions host.
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON (line {ex.LineNumber + 1}): fix or delete the file.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Values", out var section)
                && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in section.EnumerateObject())
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = value;
                }
            }
        }

        return values;
    }
}
