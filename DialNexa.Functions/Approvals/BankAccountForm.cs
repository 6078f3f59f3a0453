using DialNexa.Functions.Providers.Gusto;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// The bank account fields of the approval form: a routing number whose ABA check digit must hold, an account number
/// typed twice (both masked, so a typo is caught by the second), and the account type. Problems name the field, never
/// what was typed.
/// </summary>
internal static class BankAccountForm
{
    public const string RoutingField = "routingNumber";
    public const string AccountField = "accountNumber";
    public const string AccountAgainField = "accountNumberAgain";
    public const string TypeField = "accountType";

    public static readonly string[] AccountTypes = ["Checking", "Savings"];

    public static (GustoBankAccountEntry? Entry, IReadOnlyList<string> Problems) Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var routing = Digits(form[RoutingField].ToString());
        var account = Digits(form[AccountField].ToString());
        var again = Digits(form[AccountAgainField].ToString());
        var type = form[TypeField].ToString();
        var problems = new List<string>();
        if (routing is null || routing.Length != 9)
        {
            problems.Add("The routing number must be 9 digits.");
        }
        else if (!IsAbaRoutingNumber(routing))
        {
            problems.Add("The routing number's check digit does not match: one of the 9 digits is wrong.");
        }

        if (account is null || account.Length is < 4 or > 17)
        {
            problems.Add("The account number must be 4 to 17 digits.");
        }
        else if (account != again)
        {
            problems.Add("The two account numbers differ: type it again in both boxes.");
        }

        if (!AccountTypes.Contains(type, StringComparer.Ordinal))
        {
            problems.Add("Choose Checking or Savings.");
        }

        return problems.Count == 0 ? (new GustoBankAccountEntry(routing!, account!, type), problems) : (null, problems);
    }

    /// <summary>The ABA routing number check: 3, 7 and 1 times the digits in turn add up to a multiple of 10 (and not all zeros).</summary>
    public static bool IsAbaRoutingNumber(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit) || digits.All(c => c == '0'))
        {
            return false;
        }

        int[] weights = [3, 7, 1];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * weights[i % 3];
        }

        return sum % 10 == 0;
    }

    /// <summary>The digits typed, allowing spaces and dashes between groups; null when anything else was typed.</summary>
    private static string? Digits(string typed)
    {
        var digits = typed.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
