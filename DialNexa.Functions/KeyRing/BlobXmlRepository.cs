using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DialNexa.Functions.KeyRing;

/// <summary>
/// The DataProtection key ring as one blob every instance reads, so a body one instance encrypted is decrypted by any
/// other, and so keys survive deployments. Appends are conditional on the blob's ETag, so two instances creating keys at
/// once both keep theirs. Written here because the Azure.Extensions.AspNetCore.DataProtection.Blobs package is not
/// served to this project.
/// </summary>
internal sealed class BlobXmlRepository(BlobClient blob) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Document.Root!.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (document, etag) = Read();
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var content = new MemoryStream();
                document.Save(content, SaveOptions.DisableFormatting);
                content.Position = 0;
                blob.Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance wrote the ring meanwhile: read it again and add to what it holds.
            }
        }

        throw new InvalidOperationException($"The DataProtection key ring blob {blob.Name} kept changing; the new key '{friendlyName}' was not stored.");
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        try
        {
            var downloaded = blob.DownloadContent();
            using var stream = downloaded.Value.Content.ToStream();
            return (XDocument.Load(stream), downloaded.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (new XDocument(new XElement("repository")), null);
        }
    }
}
