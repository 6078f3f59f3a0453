using System.Globalization;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Gusto;

/// <summary>
/// Gusto: update a contractor's payment method (read the current method and its version, PUT with that version, old and
/// new recorded; 409 means re-read) and create a company bank account (read existing accounts first; it replaces the
/// default funding account, so the policy always routes it to approval; finance types its numbers on the approval page,
/// see GustoProvider.BankAccount.cs). Bearer token and X-Gusto-API-Version.
/// </summary>
public sealed partial class GustoProvider(IOptions<GustoOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Gusto, options.Value, httpClients, secrets, outbox)
{
    private readonly GustoOptions _settings = options.Value;

    /// <summary>Contractors read per lookup page, and pages at most (Gusto allows 200 requests a minute per company).</summary>
    private const int LookupPageSize = 100;

    private const int LookupPages = 10;

    private static readonly string[] PaymentTypes = ["Check", "Direct Deposit"];

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.GustoUpdateContractorPaymentMethod, ProviderActionKind.GustoCreateCompanyBankAccount];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://api.gusto.com";

    protected override string? Validate(ProviderActionRequest request) => request.Kind switch
    {
        ProviderActionKind.GustoUpdateContractorPaymentMethod when string.IsNullOrEmpty(request.ProviderCustomerId) => "Gusto needs the contractor's UUID (a matched contractor).",
        ProviderActionKind.GustoUpdateContractorPaymentMethod when !PaymentTypes.Contains(TargetType(request)) => $"Gusto payment method must be one of: {string.Join(", ", PaymentTypes)}.",
        _ => null,
    };

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) => request.Kind == ProviderActionKind.GustoUpdateContractorPaymentMethod
        ? UpdateCall(request.ProviderCustomerId!, "{version from GET payment_method}", TargetType(request))
        : PlannedBankAccountCall();

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (request.Kind == ProviderActionKind.GustoCreateCompanyBankAccount)
        {
            return await CreateBankAccountAsync(request, transport, cancellationToken);
        }

        var contractor = request.ProviderCustomerId!;
        var target = TargetType(request);
        for (var attempt = 1; ; attempt++)
        {
            var current = await transport.SendAsync(ReadPaymentMethodCall(contractor), cancellationToken);
            if (!current.IsSuccess || current.Json is not JsonObject old)
            {
                return Failure(request, current, "AccessToken");
            }

            if (string.Equals(old["type"]?.ToString(), target, StringComparison.OrdinalIgnoreCase))
            {
                return Result(request, ProviderActionOutcome.AlreadyDone, current.Request, contractor, oldValue: old, newValue: old, message: $"The payment method is already {target}.", providerHolds: $"payment method {target} on contractor {contractor} (version {old["version"]})");
            }

            // Guarded by the version just read: sending it again is harmless (a stale version answers 409).
            var version = old["version"]?.ToString() ?? "";
            var result = await WriteOnceAsync(request, transport, new GuardedWrite
            {
                Call = UpdateCall(contractor, version, target),
                What = $"the payment method {target} of contractor {contractor}",
                Repeatable = true,
                OldValue = old,
                Settle = updated => updated.IsSuccess
                    ? updated.Json is JsonObject now ? Result(request, ProviderActionOutcome.Written, updated.Request, contractor, oldValue: old, newValue: now, message: $"Payment method changed to {target}.") : null
                    : Failure(request, updated, "AccessToken"),
                ReadBack = async (_, token) =>
                {
                    var again = await transport.SendAsync(ReadPaymentMethodCall(contractor), token);
                    if (!again.IsSuccess || again.Json is not JsonObject now)
                    {
                        return ProviderReadBack.Unknown($"reading the payment method answered {again.Status}: {ErrorMessage(again)}", again.Request);
                    }

                    return string.Equals(now["type"]?.ToString(), target, StringComparison.OrdinalIgnoreCase)
                        ? ProviderReadBack.Holds(new ProviderRecord(now, contractor, null, $"payment method {target} on contractor {contractor} (version {now["version"]})"), again.Request)
                        : ProviderReadBack.Absent($"payment method still {now["type"]} on contractor {contractor}", again.Request);
                },
            }, cancellationToken);
            if (result.Outcome != ProviderActionOutcome.Conflict || attempt >= 2)
            {
                return result;
            }
        }
    }

    protected override async Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken)
    {
        // Contractors come a page at a time (page, per): read on until a short page, up to LookupPages pages.
        var contractors = new List<JsonObject>();
        var complete = false;
        for (var page = 1; page <= LookupPages && !complete; page++)
        {
            var reply = await transport.SendAsync(
                new ProviderCall(HttpMethod.Get, $"/v1/companies/{Uri.EscapeDataString(_settings.CompanyId!)}/contractors", SafeToRetry: true)
                {
                    Query = [new("page", page.ToString(CultureInfo.InvariantCulture)), new("per", LookupPageSize.ToString(CultureInfo.InvariantCulture))],
                },
                cancellationToken);
            if (!reply.IsSuccess)
            {
                return new CustomerLookupResult(Name, CustomerLookupStatus.Failed, [], $"Gusto answered {reply.Status}: {ErrorMessage(reply)}");
            }

            var rows = (reply.Json as JsonArray ?? []).OfType<JsonObject>().ToList();
            contractors.AddRange(rows);
            complete = rows.Count < LookupPageSize;
        }

        var matches = contractors
            .Where(c => lookup.Email is not null && string.Equals(c["email"]?.ToString(), lookup.Email, StringComparison.OrdinalIgnoreCase))
            .Select(c => new ProviderCustomer(
                c["uuid"]?.ToString() ?? "",
                string.Join(' ', new[] { c["first_name"]?.ToString(), c["last_name"]?.ToString() }.Where(n => !string.IsNullOrEmpty(n))),
                c["email"]?.ToString(),
                null,
                null))
            .ToList();
        if (matches.Count == 0 && !complete)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], $"No contractor with that email among the first {LookupPages * LookupPageSize} of the company; the rest were not read.");
        }

        return new CustomerLookupResult(Name, matches.Count > 0 ? CustomerLookupStatus.Found : CustomerLookupStatus.NotFound, matches);
    }

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var token = resolved(_settings.AccessToken) ?? "";
        return (new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + token,
            ["X-Gusto-API-Version"] = _settings.ApiVersion,
            ["Accept"] = "application/json",
        }, [], [token]);
    }

    private static string TargetType(ProviderActionRequest request) => request.PaymentMethodType ?? "Check";

    private static ProviderCall ReadPaymentMethodCall(string contractor) =>
        new(HttpMethod.Get, $"/v1/contractors/{Uri.EscapeDataString(contractor)}/payment_method", SafeToRetry: true);

    private static ProviderCall UpdateCall(string contractor, string version, string type) =>
        new(HttpMethod.Put, $"/v1/contractors/{Uri.EscapeDataString(contractor)}/payment_method", new JsonObject { ["version"] = version, ["type"] = type }, SafeToRetry: true);
}
