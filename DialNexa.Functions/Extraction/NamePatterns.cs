using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// How people's and companies' names look in a transcript: capitalised words with the prefixes and joins real names
/// have ("MacLeod", "O'Neill", "Adeyemi-Bello", "van der Berg"), after an optional title, and the words that look like
/// names but are not (greetings, days, plan names, card brands).
/// </summary>
internal static class NamePatterns
{
    public const string Token = @"\p{Lu}\p{Ll}*(?:['’]?\p{Lu}\p{Ll}+)*(?:-\p{Lu}\p{Ll}+)*";
    public const string Title = @"(?:(?:Mr|Mrs|Ms|Miss|Dr|Pastor|Prof|Sir|Madam|Chief|Alhaji|Alhaja|Engr)\.?\s+)?";
    public const string Person = @"(?<name>" + Token + @"(?:\s+(?:(?:van|von|de|da|di|del|der|den|la|le|bin|al|el)\s+){0,2}" + Token + @"){0,2})\b";
    /// <summary>A job title after a name: "finance director", "head of finance", "CFO".</summary>
    public const string Role = @"(?i:(?:[a-z]+\s+){0,3}(?:director|manager|officer|cfo|ceo|coo|owner|accountant|bookkeeper|assistant|treasurer|controller|finance|founder|partner|administrator|head of [a-z]+))";

    public const string Company = @"(?<company>\p{Lu}[\p{L}\d'’-]+(?:\s+(?:(?:&|and|of|de)\s+)?(?:\p{Lu}[\p{L}\d'’-]+|&))*)";

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "Hi", "Hello", "Hey", "Hiya", "Yes", "Yeah", "Yep", "No", "Okay", "Ok", "Sure", "Thanks", "Thank", "Good", "Morning", "Afternoon", "Evening",
        "Just", "Sorry", "Our", "My", "The", "We", "It", "This", "That", "Please", "Calling", "Speaking", "Here", "Finance", "Billing", "Accounts",
        "Account", "Support", "Team", "Customer", "Invoice", "Right", "Well", "Oh", "So", "And", "But", "Also", "Actually", "Great", "Perfect",
        "Lovely", "Cheers", "Fine", "Abeg", "Ehn", "Not", "Only", "Still", "Sir", "Madam", "Ma", "Mr", "Mrs", "Ms", "Dr", "Visa", "Mastercard", "Amex",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "Enterprise", "Pro", "Business", "Plus", "Premium", "Standard", "Basic", "Starter",
        "Growth", "Professional", "Happy", "Trying", "Looking", "Having", "Getting", "Going", "About", "Afraid", "Wondering", "Ringing", "Done", "Sent",
        "Noted", "Of", "Your", "Their", "Her", "His", "There", "What", "Who", "Which", "When", "How", "Why", "Is", "Am", "Are", "Can", "Could",
        "Would", "Will", "I", "I'm", "I've", "I'll", "Someone", "Somebody", "Nobody", "Everyone", "Anyone", "Hmm", "Um", "Uh", "Er", "Welcome", "Quick", "Yup", "Correct", "Absolutely", "Exactly", "Indeed", "Cool", "Alright", "Brilliant",
    };

    private static readonly HashSet<string> TitleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "dr", "pastor", "prof", "sir", "madam", "chief", "alhaji", "alhaja", "engr",
    };

    /// <summary>The person's name without a title or trailing words that are not names; null when it is not a name at all.</summary>
    public static string? CleanPerson(string raw)
    {
        var words = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('.', ',')).ToList();
        while (words.Count > 0 && TitleWords.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        var kept = new List<string>();
        foreach (var word in words)
        {
            if (NotNames.Contains(word))
            {
                break;
            }

            kept.Add(word);
        }

        return kept.Count == 0 || kept[0].Length < 2 || (kept.Count == 1 && Regions.IsPlace(kept[0])) ? null : string.Join(' ', kept);
    }

    /// <summary>A company name without a leading "The" or trailing joins; null for places, days and the agent's own company.</summary>
    public static string? CleanCompany(string raw, IReadOnlySet<string> agentCompanyWords)
    {
        var words = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && words[^1] is "&" or "and" or "of" or "de")
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count == 0 || NotNames.Contains(words[0]) || Regions.IsPlace(string.Join(' ', words)) || words.Count > 6 || words.Any(LooksLikeIdentifier))
        {
            return null;
        }

        return words.Any(w => agentCompanyWords.Contains(w.ToLowerInvariant())) ? null : string.Join(' ', words);
    }

    /// <summary>An invoice, subscription or payment reference ("INV-20931", "SUB88120"), which follows "for" as often as a company does.</summary>
    private static bool LooksLikeIdentifier(string word)
    {
        var digits = word.Count(char.IsAsciiDigit);
        return digits >= 3 && (word.Contains('-', StringComparison.Ordinal) || word.Count(char.IsAsciiLetterUpper) >= 2);
    }

    public static Regex Build(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
}
