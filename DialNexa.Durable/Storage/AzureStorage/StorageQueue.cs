using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DialNexa.Durable.Storage.AzureStorage;

/// <summary>One storage queue over REST. Message text is base64 of the UTF-8 body (the convention every reader here shares).</summary>
internal sealed class StorageQueue(HttpPipeline pipeline, Uri endpoint, string name)
{
    public const int MaxBatch = 32;

    public string Name => name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Put, name);
        await SendAsync(message, cancellationToken, 201, 204);
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Delete, name);
        await SendAsync(message, cancellationToken, 204, 404);
    }

    /// <summary>Adds a message that becomes visible after <paramref name="visibilityDelay"/> (at most 7 days) and never expires.</summary>
    public async Task PutAsync(string text, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Post, name + "/messages");
        message.Request.Uri.AppendQuery("messagettl", "-1");
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityDelay, ceiling: true).ToString(CultureInfo.InvariantCulture));
        SetBody(message, text);
        await SendAsync(message, cancellationToken, 201);
    }

    /// <summary>Takes up to <paramref name="count"/> visible messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> GetAsync(int count, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Get, name + "/messages");
        message.Request.Uri.AppendQuery("numofmessages", Math.Clamp(count, 1, MaxBatch).ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Math.Max(1, Seconds(visibilityTimeout, ceiling: true)).ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken, 200);
        var document = XDocument.Parse(response.Content.ToString());
        var result = new List<QueueMessage>();
        foreach (var element in document.Root?.Elements("QueueMessage") ?? [])
        {
            var text = element.Element("MessageText")?.Value ?? "";
            result.Add(new QueueMessage(
                element.Element("MessageId")!.Value,
                element.Element("PopReceipt")!.Value,
                int.Parse(element.Element("DequeueCount")?.Value ?? "1", CultureInfo.InvariantCulture),
                Encoding.UTF8.GetString(Convert.FromBase64String(text))));
        }

        return result;
    }

    /// <summary>Deletes a message; false when it is gone or its pop receipt is stale (another reader holds it now).</summary>
    public async Task<bool> DeleteAsync(QueueMessage queueMessage, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Delete, name + "/messages/" + Uri.EscapeDataString(queueMessage.MessageId));
        message.Request.Uri.AppendQuery("popreceipt", queueMessage.PopReceipt);
        var response = await SendAsync(message, cancellationToken, 204, 400, 404);
        return response.Status == 204;
    }

    /// <summary>Makes a held message visible again after <paramref name="visibilityDelay"/>; null when it is no longer ours.</summary>
    public async Task<QueueMessage?> UpdateVisibilityAsync(QueueMessage queueMessage, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Put, name + "/messages/" + Uri.EscapeDataString(queueMessage.MessageId));
        message.Request.Uri.AppendQuery("popreceipt", queueMessage.PopReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityDelay, ceiling: true).ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken, 204, 400, 404);
        return response.Status == 204 && response.Headers.TryGetValue("x-ms-popreceipt", out var receipt)
            ? queueMessage with { PopReceipt = receipt }
            : null;
    }

    public async Task<int> ApproximateCountAsync(CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Get, name);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(message, cancellationToken, 200);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 0;
    }

    private static int Seconds(TimeSpan value, bool ceiling)
    {
        var seconds = ceiling ? Math.Ceiling(value.TotalSeconds) : Math.Floor(value.TotalSeconds);
        return (int)Math.Clamp(seconds, 0, 7 * 24 * 3600 - 1);
    }

    private static void SetBody(HttpMessage message, string text)
    {
        var xml = "<QueueMessage><MessageText>" + SecurityElement.Escape(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))) + "</MessageText></QueueMessage>";
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml));
    }

    private HttpMessage Message(RequestMethod method, string path)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(endpoint);
        message.Request.Uri.AppendPath("/", escape: false);
        message.Request.Uri.AppendPath(path, escape: false);
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            var code = response.Headers.TryGetValue("x-ms-error-code", out var c) ? c : null;
            throw new StorageRequestException(response.Status, code, $"Queue '{name}': {message.Request.Method} answered {response.Status} {code ?? response.ReasonPhrase}.");
        }

        return response;
    }
}
