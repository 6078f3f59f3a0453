using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace DialNexa.Functions.Tests.Webhooks;

/// <summary>Posts DialNexa deliveries the way DialNexa does: raw JSON body, HMAC-SHA256 signature header.</summary>
internal static class WebhookSender
{
    public const string Secret = "test-webhook-secret";
    public const string OldSecret = "old-webhook-secret";

    public static string SamplesDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var samples = Path.Combine(directory.FullName, "samples");
                if (File.Exists(Path.Combine(directory.FullName, "host.json")) && Directory.Exists(samples))
                {
                    return samples;
                }
            }

            throw new DirectoryNotFoundException("The repository's samples folder was not found above the test binaries.");
        }
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(SamplesDirectory, name));

    public static string Sign(byte[] body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, string? signature, string header = "X-DialNexa-Signature")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dialnexa/webhook") { Content = content };
        if (signature is not null)
        {
            request.Headers.Add(header, signature);
        }

        return http.SendAsync(request);
    }
}
