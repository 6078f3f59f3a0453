using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>
/// Signs each attempt with the account's Shared Key. Queue (and Blob) sign the verb, eleven standard headers, every
/// <c>x-ms-*</c> header and every query parameter; Table signs only the verb, Content-MD5, Content-Type, the date and
/// the <c>comp</c> parameter. Runs per retry so the date and signature are fresh on every attempt.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] key, StorageService service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var stringToSign = service == StorageService.Table ? TableStringToSign(request) : QueueStringToSign(request);
        using var hmac = new HMACSHA256(key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal string QueueStringToSign(Request request)
    {
        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : "";
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        builder.Append(Header(request, "Content-Encoding")).Append('\n');
        builder.Append(Header(request, "Content-Language")).Append('\n');
        builder.Append(contentLength).Append('\n');
        builder.Append(Header(request, "Content-MD5")).Append('\n');
        builder.Append(Header(request, "Content-Type")).Append('\n');
        builder.Append('\n'); // Date: x-ms-date is used instead.
        builder.Append(Header(request, "If-Modified-Since")).Append('\n');
        builder.Append(Header(request, "If-Match")).Append('\n');
        builder.Append(Header(request, "If-None-Match")).Append('\n');
        builder.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        builder.Append(Header(request, "Range")).Append('\n');
        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(request.Uri.Path);
        foreach (var parameter in QueryParameters(request).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', parameter.Value));
        }

        return builder.ToString();
    }

    internal string TableStringToSign(Request request)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        builder.Append(Header(request, "Content-MD5")).Append('\n');
        builder.Append(Header(request, "Content-Type")).Append('\n');
        builder.Append(Header(request, "x-ms-date")).Append('\n');
        builder.Append('/').Append(accountName).Append(request.Uri.Path);
        if (QueryParameters(request).TryGetValue("comp", out var comp))
        {
            builder.Append("?comp=").Append(string.Join(',', comp));
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) => request.Headers.TryGetValue(name, out var value) ? value : "";

    private static Dictionary<string, List<string>> QueryParameters(Request request)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var query = request.Uri.Query;
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                values = [];
                result[name] = values;
            }

            values.Add(value);
        }

        foreach (var values in result.Values)
        {
            values.Sort(StringComparer.Ordinal);
        }

        return result;
    }
}
