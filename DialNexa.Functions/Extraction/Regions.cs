using System.Text.RegularExpressions;

namespace DialNexa.Functions.Extraction;

/// <summary>
/// Tax regions a billing call can name (countries, US states, Canadian provinces, UK nations, Nigerian states), each with
/// its spelling in the facts, and towns that are places but not tax regions.
/// </summary>
internal static class Regions
{
    private static readonly Dictionary<string, string> Canonical = Build();

    private static readonly HashSet<string> Towns = new(StringComparer.OrdinalIgnoreCase)
    {
        "London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Cardiff", "Belfast", "Bristol", "Liverpool", "Dublin", "Cork",
        "Stockholm", "Oslo", "Copenhagen", "Paris", "Berlin", "Amsterdam", "Madrid", "Rome", "Lisbon", "Brussels", "Accra", "Nairobi", "Johannesburg",
        "Ikeja", "Lekki", "Ibadan", "Port Harcourt", "Kano", "Enugu", "Austin", "Dallas", "Houston", "Chicago", "Boston", "Seattle", "Portland",
        "San Francisco", "Los Angeles", "New York City", "Toronto", "Vancouver", "Sydney", "Melbourne", "Victoria Island",
    };

    /// <summary>Every region name or alias, longest first, as one case-sensitive pattern.</summary>
    public static Regex Pattern { get; } = new(
        @"\b(?:" + string.Join('|', Canonical.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static string? CanonicalName(string mention) => Canonical.GetValueOrDefault(mention);

    public static bool IsPlace(string word) => Canonical.ContainsKey(word) || Towns.Contains(word);

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string canonical, params string[] aliases)
        {
            names[canonical] = canonical;
            foreach (var alias in aliases)
            {
                names[alias] = canonical;
            }
        }

        foreach (var state in new[]
        {
            "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho",
            "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
            "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
            "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
            "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
            "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia", "New Brunswick",
            "England", "Scotland", "Wales", "Northern Ireland",
            "Lagos", "Abuja", "Rivers", "Ogun", "Oyo", "Kaduna", "Anambra", "Delta", "Edo", "Akwa Ibom", "Cross River", "Imo", "Abia", "Kwara",
            "Osun", "Ondo", "Ekiti", "Plateau", "Benue", "Borno", "Sokoto", "Katsina", "Bauchi", "Niger", "Kogi", "Nasarawa",
            "Ireland", "Sweden", "Norway", "Denmark", "Finland", "Iceland", "Germany", "France", "Spain", "Portugal", "Italy", "Netherlands",
            "Belgium", "Luxembourg", "Austria", "Switzerland", "Poland", "Czechia", "Greece", "Estonia", "Latvia", "Lithuania", "Malta", "Cyprus",
            "Nigeria", "Ghana", "Kenya", "South Africa", "Egypt", "Rwanda", "Uganda", "Tanzania", "Senegal", "Canada", "Mexico", "Brazil",
            "Australia", "New Zealand", "India", "Singapore", "Japan", "China",
        })
        {
            Add(state);
        }

        Add("UK", "United Kingdom", "Britain", "Great Britain", "U.K.");
        Add("US", "United States", "USA", "U.S.", "America");
        Add("EU", "European Union");
        Add("UAE", "United Arab Emirates", "Dubai");
        Add("Abuja", "FCT", "Federal Capital Territory");
        Add("Czechia", "Czech Republic");
        return names;
    }
}
