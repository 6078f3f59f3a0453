using System.Globalization;
using System.Text.Json;

namespace DialNexa.Functions.Calls;

/// <summary>
/// Reads fields of a delivery without trusting their JSON types: a field of another type than expected reads as absent,
/// and a string System.Text.Json cannot turn into text (an unpaired surrogate escape such as <c>"\ud800"</c>) is
/// reported as <see cref="InvalidDataException"/> naming the field, so the webhook answers 400 instead of failing later.
/// </summary>
internal static class JsonFields
{
    /// <summary>The field's text (numbers and booleans as written), or null when absent, null, an object or an array.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? ValueText(value, name) : null;

    /// <summary>The field's text only when it is a JSON string.</summary>
    public static string? StringOnly(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? GetString(value, name) : null;

    public static string? ValueText(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => GetString(value, name),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>A finite number, from a JSON number or a numeric string; null otherwise.</summary>
    public static double? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;
        }

        return ValueText(value, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null;
    }

    /// <summary>A property's name as text, or <see cref="InvalidDataException"/> when it cannot be one.</summary>
    public static string NameOf(JsonProperty property, string within)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"A field name in '{within}' is not valid text (an unpaired UTF-16 surrogate escape).", ex);
        }
    }

    private static string? GetString(JsonElement value, string name)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"The field '{name}' is not valid text (an unpaired UTF-16 surrogate escape such as \\ud800).", ex);
        }
    }
}
