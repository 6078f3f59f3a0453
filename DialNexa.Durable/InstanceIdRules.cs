namespace DialNexa.Durable;

/// <summary>What makes an instance ID acceptable (the Durable Functions rules).</summary>
public static class InstanceIdRules
{
    public const int MaxLength = 256;

    /// <summary>Null when acceptable; otherwise a sentence saying what is wrong.</summary>
    public static string? Validate(string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            return "The instance ID is empty.";
        }

        if (instanceId.Length > MaxLength)
        {
            return $"The instance ID is {instanceId.Length} characters long; the limit is {MaxLength}.";
        }

        if (instanceId[0] == '@')
        {
            return "The instance ID must not start with '@'.";
        }

        foreach (var c in instanceId)
        {
            if (char.IsControl(c))
            {
                return $"The instance ID contains a control character (U+{(int)c:X4}).";
            }

            if (c is '/' or '\\' or '#' or '?')
            {
                return $"The instance ID contains '{c}', which is not allowed.";
            }
        }

        return null;
    }
}
