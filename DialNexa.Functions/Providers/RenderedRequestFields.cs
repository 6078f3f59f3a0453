using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers;

/// <summary>
/// The fields of a rendered request, as an approver reads them: each query parameter (<c>?name</c>) and each member of a
/// JSON body (dotted for nested objects, <c>[i]</c> for array items), with its value as text (strings unquoted). Masked
/// credentials are not fields. A body that is not JSON is one field, <c>body</c>.
/// </summary>
public static class RenderedRequestFields
{
    public static IReadOnlyList<(string Path, string Value)> Of(RenderedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new List<(string, string)>();
        if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Query.Length > 1)
        {
            foreach (var pair in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                if (value != ProviderTransport.Mask)
                {
                    fields.Add(("?" + name, value));
                }
            }
        }

        if (string.IsNullOrEmpty(request.Body))
        {
            return fields;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            fields.Add(("body", request.Body));
            return fields;
        }

        Flatten(body, "", fields);
        return fields;
    }

    /// <summary>The value at a field's path in a JSON record, as text; null when the record has no such member.</summary>
    public static string? ValueAt(JsonNode? record, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = record;
        foreach (var part in path.TrimStart('?').Split('.'))
        {
            if (node is null)
            {
                return null;
            }

            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            }

            while (bracket >= 0 && node is not null)
            {
                var close = part.IndexOf(']', bracket);
                var index = int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray a && index < a.Count ? a[index] : null;
                bracket = part.IndexOf('[', close);
            }
        }

        return node is null ? null : Text(node);
    }

    private static void Flatten(JsonNode? node, string path, List<(string, string)> fields)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (name, child) in obj)
                {
                    Flatten(child, path.Length == 0 ? name : path + "." + name, fields);
                }

                break;
            case JsonArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}[{i}]", fields);
                }

                break;
            default:
                var text = node is null ? "null" : Text(node);
                if (text != ProviderTransport.Mask)
                {
                    fields.Add((path.Length == 0 ? "body" : path, text));
                }

                break;
        }
    }

    private static string Text(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node.ToJsonString();
}
