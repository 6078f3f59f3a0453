using System.Collections.Concurrent;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>Builds provider clients against a fake, with in-memory outbox and a secret resolver that knows test references.</summary>
internal static class ProviderTestKit
{
    public static ProvidersOptions Options(ProviderName name, ProviderOptions settings)
    {
        var options = new ProvidersOptions();
        switch (name)
        {
            case ProviderName.Gusto: options.Gusto = settings; break;
            case ProviderName.Paystack: options.Paystack = settings; break;
            case ProviderName.Plisio: options.Plisio = settings; break;
            case ProviderName.Proabono: options.Proabono = settings; break;
            case ProviderName.Altoviz: options.Altoviz = settings; break;
            default: options.Slack = settings; break;
        }

        return options;
    }

    public static T Create<T>(ProviderName name, ProviderOptions settings, IActionOutbox? outbox = null, ISecretResolver? secrets = null, IHttpClientFactory? http = null)
        where T : FinanceProvider =>
        (T)Activator.CreateInstance(typeof(T), Microsoft.Extensions.Options.Options.Create(Options(name, settings)), http ?? new PlainHttpClientFactory(), secrets ?? new MapSecretResolver([]), outbox ?? new MemoryOutbox())!;

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
