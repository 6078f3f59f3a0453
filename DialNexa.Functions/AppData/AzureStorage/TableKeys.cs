using System.Globalization;
using System.Text;

namespace DialNexa.Functions.AppData.AzureStorage;

/// <summary>
/// Table keys may not hold '/', '\', '#', '?' or control characters: those (and the escape character '%') are written
/// as '%' and four hex digits, reversibly. Row keys are the kind's name, '|', then the escaped item, so one kind's
/// items of a scope are one key range.
/// </summary>
internal static class TableKeys
{
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    public static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var plain = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 4 < value.Length && int.TryParse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                plain.Append((char)code);
                i += 4;
            }
            else
            {
                plain.Append(value[i]);
            }
        }

        return plain.ToString();
    }

    public static string RowKey(AppDataKind kind, string item) => kind.Name + "|" + Escape(item);

    /// <summary>The first row key of a kind's range (inclusive) and the first key after it (exclusive).</summary>
    public static (string From, string To) RangeOf(AppDataKind kind) => (kind.Name + "|", kind.Name + "}");

    public static string ItemOf(string rowKey) => Unescape(rowKey[(rowKey.IndexOf('|', StringComparison.Ordinal) + 1)..]);

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
