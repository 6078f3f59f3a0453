using System.Globalization;

namespace DialNexa.Functions.Calls;

/// <summary>
/// What makes a DialNexa call ID usable as an instance ID, a storage key and a URL segment: the Durable Functions
/// rules (no '/', '\', '#', '?', control characters, leading '@', at most 256 characters), plus no '.' or '..' (a URL
/// path could never name them) and no invisible or direction-changing characters (U+2028, U+202E...), which would let
/// an ID pass for another in a log or a Slack post.
/// </summary>
public static class CallIdRules
{
    public const int MaxLength = 256;

    /// <summary>Null when acceptable; otherwise a sentence saying what is wrong.</summary>
    public static string? Validate(string? callId)
    {
        if (string.IsNullOrEmpty(callId))
        {
            return "The call ID is empty.";
        }

        if (callId.Length > MaxLength)
        {
            return $"The call ID is {callId.Length} characters long; the limit is {MaxLength}.";
        }

        if (callId is "." or "..")
        {
            return "The call ID cannot be '.' or '..'.";
        }

        if (callId[0] == '@')
        {
            return "The call ID must not start with '@'.";
        }

        foreach (var c in callId)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                return $"The call ID contains '{c}', which is not allowed.";
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned)
            {
                return $"The call ID contains an invisible or control character (U+{(int)c:X4}).";
            }
        }

        return null;
    }
}
