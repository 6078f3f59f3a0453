using System.Collections;
using System.Globalization;

namespace DialNexa.Functions.Hosting.Logging;

/// <summary>
/// A log line's state after <see cref="LogText"/>: the scrubbed message, and the structured values with every text
/// (and every value that is not a number, a time, a flag or an identifier) scrubbed the same way. The template
/// (<c>{OriginalFormat}</c>) is kept as written: it is code, not data.
/// </summary>
internal sealed class SafeLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly string _message;
    private readonly List<KeyValuePair<string, object?>> _values;

    private SafeLogState(string message, List<KeyValuePair<string, object?>> values)
    {
        _message = message;
        _values = values;
    }

    public static Func<SafeLogState, Exception?, string> Format { get; } = (state, _) => state._message;

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>The structured values of a log or scope state, in whichever of the usual shapes it comes.</summary>
    public static IEnumerable<KeyValuePair<string, object?>>? ValuesOf(object? state) => state switch
    {
        IEnumerable<KeyValuePair<string, object?>> values => values,
        IEnumerable<KeyValuePair<string, string>> values => values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)),
        _ => null,
    };

    public static SafeLogState From(string message, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        var safe = new List<KeyValuePair<string, object?>>();
        foreach (var (name, value) in values ?? [])
        {
            safe.Add(new(name, name == OriginalFormat ? value : Scrub(value)));
        }

        return new SafeLogState(LogText.Scrub(message ?? ""), safe);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message;

    private static object? Scrub(object? value) => value switch
    {
        null => null,
        string text => LogText.Scrub(text),
        bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
        IFormattable formattable => LogText.Scrub(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => LogText.Scrub(value.ToString() ?? ""),
    };
}
