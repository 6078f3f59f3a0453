using System.Collections.Concurrent;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Altoviz;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Gusto;
using DialNexa.Functions.Providers.Paystack;
using DialNexa.Functions.Providers.Plisio;
using DialNexa.Functions.Providers.Proabono;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>Builds provider clients against a fake, with in-memory outbox and a secret resolver that knows test references.</summary>
internal static class ProviderTestKit
{
    /// <summary>
    /// A provider's settings with each credential it has taken from one set, for tests that treat providers alike;
    /// <paramref name="shared"/> sets what every provider has (mode, base URL, retries).
    /// </summary>
    public static ProviderOptions Settings(
        ProviderName name,
        Action<ProviderOptions> shared,
        string? secretKey = null,
        string? apiKey = null,
        string? agentKey = null,
        string? accessToken = null,
        string? companyId = null)
    {
        ProviderOptions options = name switch
        {
            ProviderName.Gusto => new GustoOptions { AccessToken = accessToken, CompanyId = companyId },
            ProviderName.Paystack => new PaystackOptions { SecretKey = secretKey },
            ProviderName.Plisio => new PlisioOptions { ApiKey = apiKey },
            ProviderName.Proabono => new ProabonoOptions { AgentKey = agentKey, ApiKey = apiKey },
            _ => new AltovizOptions { ApiKey = apiKey },
        };
        shared(options);
        return options;
    }

    /// <summary>A provider client over these settings (of the provider's own options type).</summary>
    public static T Create<T>(ProviderName name, ProviderOptions settings, IActionOutbox? outbox = null, ISecretResolver? secrets = null, IHttpClientFactory? http = null)
        where T : FinanceProvider
    {
        ArgumentNullException.ThrowIfNull(settings);
        Assert.Equal(name, settings.Provider);
        var options = typeof(Microsoft.Extensions.Options.Options).GetMethod(nameof(Microsoft.Extensions.Options.Options.Create))!.MakeGenericMethod(settings.GetType()).Invoke(null, [settings]);
        return (T)Activator.CreateInstance(typeof(T), options, http ?? new PlainHttpClientFactory(), secrets ?? new MapSecretResolver([]), outbox ?? new MemoryOutbox())!;
    }

    public static ProviderActionRequest Request(ProviderActionKind kind, string callId = "call_1") => new()
    {
        CallId = callId,
        Kind = kind,
        CustomerName = "Dana Whitfield",
        Email = "dana@example.com",
        Phone = "+14155550142",
        Amount = 249.00m,
        Currency = "USD",
        Description = "DialNexa call " + callId,
        InvoiceNumber = "INV-20931",
        Note = "Dispute INV-20931. Status: https://app.example/api/calls/" + callId,
        Message = "Duplicate charge on call " + callId,
        Links = [new ProviderLink("Approve", "https://app.example/api/approvals/t1"), new ProviderLink("Status", "https://app.example/api/calls/" + callId)],
    };

    internal sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    internal sealed class MemoryOutbox : IActionOutbox
    {
        public ConcurrentDictionary<string, bool> Claims { get; } = new();

        public ConcurrentDictionary<string, (DateTimeOffset Since, string? Baseline)> Pending { get; } = new();

        public Task<bool> TryClaimAsync(string callId, string key, CancellationToken cancellationToken) => Task.FromResult(Claims.TryAdd($"{callId}|{key}", true));

        public Task<bool> IsClaimedAsync(string callId, string key, CancellationToken cancellationToken) => Task.FromResult(Claims.ContainsKey($"{callId}|{key}"));

        public Task MarkPendingAsync(string callId, string key, string? baseline, CancellationToken cancellationToken)
        {
            Pending[$"{callId}|{key}"] = (DateTimeOffset.UtcNow, baseline);
            return Task.CompletedTask;
        }

        public Task<PendingWrite?> PendingAsync(string callId, string key, CancellationToken cancellationToken) =>
            Task.FromResult(Pending.TryGetValue($"{callId}|{key}", out var marker) ? new PendingWrite(marker.Since, DateTimeOffset.UtcNow - marker.Since, marker.Baseline) : null);

        public Task ClearPendingAsync(string callId, string key, CancellationToken cancellationToken)
        {
            Pending.TryRemove($"{callId}|{key}", out _);
            return Task.CompletedTask;
        }
    }

    internal sealed class MapSecretResolver(Dictionary<string, string> map) : ISecretResolver
    {
        public Task<string?> ResolveAsync(string? setting, CancellationToken cancellationToken) =>
            Task.FromResult(setting is not null && map.TryGetValue(setting, out var value) ? value : setting);
    }
}
