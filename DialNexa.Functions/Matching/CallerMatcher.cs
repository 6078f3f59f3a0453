using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Matching;

/// <summary>
/// Scores lookup candidates against what the caller said: a verified email match is strong, a phone match good, a
/// name alone weak; several candidates in one provider make the match ambiguous, agreement across providers raises it.
/// </summary>
internal static class CallerMatcher
{
    public static CallerMatch Score(CustomerLookup caller, IReadOnlyList<CustomerLookupResult> lookups)
    {
        var matches = new List<ProviderMatch>();
        foreach (var lookup in lookups)
        {
            if (lookup.Status != CustomerLookupStatus.Found || lookup.Candidates.Count == 0)
            {
                matches.Add(new ProviderMatch(lookup.Provider, lookup.Status, null, null, null, 0, lookup.Message ?? lookup.Status.ToString(), 0));
                continue;
            }

            var scored = lookup.Candidates.Select(c => (Candidate: c, Score: ScoreOne(caller, c))).OrderByDescending(x => x.Score.Value).ToList();
            var best = scored[0];
            var ambiguous = scored.Count > 1 && scored[1].Score.Value >= best.Score.Value - 0.05;
            var score = ambiguous ? best.Score.Value * 0.5 : best.Score.Value;
            matches.Add(new ProviderMatch(lookup.Provider, lookup.Status, best.Candidate.Id, best.Candidate.Name, best.Candidate.RecordUrl, score, best.Score.Basis, lookup.Candidates.Count));
        }

        var found = matches.Where(m => m.Score > 0).ToList();
        if (found.Count == 0)
        {
            return new CallerMatch(0, false, matches);
        }

        var isAmbiguous = found.Any(m => m.Candidates > 1 && m.Score < 0.5);
        var confidence = found.Max(m => m.Score);
        if (found.Count > 1 && found.All(m => m.Score >= 0.5))
        {
            confidence = Math.Min(0.99, confidence + 0.04 * (found.Count - 1));
        }

        return new CallerMatch(Math.Round(confidence, 2), isAmbiguous, matches);
    }

    private static (double Value, string Basis) ScoreOne(CustomerLookup caller, ProviderCustomer candidate)
    {
        var emailMatch = caller.Email is { } email && string.Equals(email.Trim(), candidate.Email?.Trim(), StringComparison.OrdinalIgnoreCase);
        var phoneMatch = caller.Phone is { } phone && candidate.Phone is { } candidatePhone && Digits(phone).EndsWith(Digits(candidatePhone)[^Math.Min(10, Digits(candidatePhone).Length)..], StringComparison.Ordinal) && Digits(candidatePhone).Length >= 7;
        var nameMatch = caller.Name is { } name && candidate.Name is { } candidateName && NameTokens(name).SetEquals(NameTokens(candidateName));
        return (emailMatch, phoneMatch, nameMatch) switch
        {
            (true, true, _) => (0.98, "email and phone"),
            (true, _, true) => (0.96, "email and name"),
            (true, _, _) => (0.92, "email"),
            (_, true, true) => (0.9, "phone and name"),
            (_, true, _) => (0.8, "phone"),
            (_, _, true) => (0.45, "name only"),
            _ => (0.2, "returned by the provider's search without a matching field"),
        };
    }

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);

    private static HashSet<string> NameTokens(string name) =>
        name.Split([' ', '.', ',', '-'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToUpperInvariant()).ToHashSet();
}
