using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Handoff;

/// <summary>
/// The base URL of links in notes, Slack posts, mails and approval pages. Never taken from a request: a webhook's Host
/// header is not covered by its signature, so a forged one would put another host into approval links. In order:
/// <c>DialNexa__Handoff__PublicBaseUrl</c>; on Azure, <c>https://</c> and the app's own host name
/// (<c>WEBSITE_HOSTNAME</c>); on the self-host, the first address it listens on; else <c>http://localhost:7071</c>.
/// </summary>
internal sealed class PublicBaseUrl(IOptions<HandoffOptions> options, IConfiguration configuration, IServiceProvider services)
{
    public const string Fallback = "http://localhost:7071";

    public string Value
    {
        get
        {
            if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            if (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } azureHost)
            {
                return "https://" + azureHost.TrimEnd('/');
            }

            var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return listening is null ? Fallback : Loopback(listening);
        }
    }

    /// <summary>A wildcard listening address (<c>http://+:7071</c>, <c>0.0.0.0</c>, <c>[::]</c>) as links on this machine reach it.</summary>
    private static string Loopback(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
