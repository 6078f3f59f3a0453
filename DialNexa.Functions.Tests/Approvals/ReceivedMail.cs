using System.Text;

namespace DialNexa.Functions.Tests.Approvals;

/// <summary>A mail the fake relay accepted: envelope sender and recipients, and the message as sent.</summary>
internal sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data)
{
    /// <summary>The text body (the mailer sends it base64-encoded, after the headers' blank line).</summary>
    public string Body
    {
        get
        {
            var start = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return Encoding.UTF8.GetString(Convert.FromBase64String(Data[(start + 4)..].Replace("\r\n", "", StringComparison.Ordinal)));
        }
    }

    public string? Header(string name) =>
        Data.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
}
