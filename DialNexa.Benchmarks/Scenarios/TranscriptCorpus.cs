using System.Text;

namespace DialNexa.Benchmarks.Scenarios;

/// <summary>A deterministic mix of billing-call turns: ordinary finance talk, with card, bank and tax numbers in some calls.</summary>
internal static class TranscriptCorpus
{
    private static readonly string[] Ordinary =
    [
        "Thanks for calling Northwind billing, this is Ava. How can I help you today?",
        "Hi, I was charged ${0}.{1:D2} twice for invoice INV-{2} on March {3}rd and I'd like that fixed.",
        "Sure, can you confirm the email on the account? It's customer{2}@example.com.",
        "I can see the invoice for {0}.{1:D2} USD, due on 2026-04-{3:D2}. The payment request is PRQ_{2:x}.",
        "Okay, please call me back by Friday on +1 415 555 {4}, or email me the receipt.",
        "I'll open a dispute for the duplicate charge and finance will review it within 3 business days.",
        "My subscription SUB-{2} renewed on the {3}th but the card ending in {4} was declined.",
        "We have {3} seats on the team plan, that's two hundred forty-nine dollars a month, right?",
    ];

    private static readonly string[] Sensitive =
    [
        "The card number is four two four two, four two four two, four two four two, four two four two, expiry oh four slash twenty eight.",
        "It's 4111 1111 1111 1111 and the security code is 737.",
        "My routing number is 021000021 and the checking account is 000123456789.",
        "For the tax form, my SSN is 123-45-6789 and our EIN is 12-3456789.",
        "The IBAN is GB29 NWBK 6016 1331 9268 19, sort code 60-16-13.",
    ];

    public static string Build(int targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var text = new StringBuilder(targetBytes + 1024);
        while (text.Length < targetBytes)
        {
            var template = random.Next(10) == 0 ? Sensitive[random.Next(Sensitive.Length)] : Ordinary[random.Next(Ordinary.Length)];
            text.Append(random.Next(2) == 0 ? "Agent: " : "User: ");
            text.AppendFormat(CultureInfo.InvariantCulture, template, random.Next(10, 9999), random.Next(100), random.Next(10000, 999999), random.Next(1, 28), random.Next(1000, 9999));
            text.Append('\n');
        }

        return text.ToString();
    }
}
