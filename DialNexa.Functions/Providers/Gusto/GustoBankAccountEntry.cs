namespace DialNexa.Functions.Providers.Gusto;

/// <summary>
/// A company bank account as finance typed it on the approval page: the only place these numbers exist in clear, between
/// the page's POST and the one request to Gusto. Not a record, so no generated ToString or equality ever prints them;
/// <see cref="ToString"/> names the last four digits only.
/// </summary>
public sealed class GustoBankAccountEntry
{
    public GustoBankAccountEntry(string routingNumber, string accountNumber, string accountType)
    {
        ArgumentException.ThrowIfNullOrEmpty(routingNumber);
        ArgumentException.ThrowIfNullOrEmpty(accountNumber);
        ArgumentException.ThrowIfNullOrEmpty(accountType);
        RoutingNumber = routingNumber;
        AccountNumber = accountNumber;
        AccountType = accountType;
    }

    public string RoutingNumber { get; }

    public string AccountNumber { get; }

    /// <summary>Checking or Savings.</summary>
    public string AccountType { get; }

    public string AccountLast4 => Last4(AccountNumber);

    public string RoutingLast4 => Last4(RoutingNumber);

    /// <summary>The account number as Gusto shows it back (<c>XXXX4087</c>): all the call keeps.</summary>
    public string HiddenAccountNumber => "XXXX" + AccountLast4;

    /// <summary>The routing number with all but its last four digits hidden.</summary>
    public string HiddenRoutingNumber => "XXXXX" + RoutingLast4;

    public override string ToString() => $"{AccountType} account ending {AccountLast4} (routing ending {RoutingLast4})";

    /// <summary>Any text with these numbers replaced by their hidden forms (for messages and bodies that echo them).</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(AccountNumber, HiddenAccountNumber, StringComparison.Ordinal).Replace(RoutingNumber, HiddenRoutingNumber, StringComparison.Ordinal);
    }

    private static string Last4(string digits) => digits.Length <= 4 ? digits : digits[^4..];
}
