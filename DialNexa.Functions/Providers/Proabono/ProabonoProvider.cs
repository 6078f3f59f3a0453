using System.Text.Json.Nodes;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Proabono;

/// <summary>
/// Proabono: create customer (an upsert by ReferenceCustomer, so a repeat updates instead of duplicating) and update a
/// customer's payment settings (read the old settings, then POST only what changes; only the manual payment types the
/// API allows). HTTP Basic with the agent key and API key; one base URL per business.
/// </summary>
public sealed partial class ProabonoProvider(IOptions<ProabonoOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Proabono, options.Value, httpClients, secrets, outbox)
{
    private readonly ProabonoOptions _settings = options.Value;

    private static readonly string[] ManualPaymentTypes = ["ExternalBank", "ExternalCash", "ExternalCheck", "ExternalOther"];

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.ProabonoCreateCustomer, ProviderActionKind.ProabonoUpdatePaymentSettings];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://api-0.proabono.com";

    /// <summary>The customer's shared reference: the matched one, or one derived from the email.</summary>
    public static string ReferenceOf(ProviderActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ProviderCustomerId ?? "dialnexa-" + StableToken((request.Email ?? request.CallId).ToUpperInvariant());
    }

    protected override string? Validate(ProviderActionRequest request) => request switch
    {
        { Kind: ProviderActionKind.ProabonoCreateCustomer, Email: null or "", ProviderCustomerId: null } => "Proabono needs the customer's email or reference.",
        { Kind: ProviderActionKind.ProabonoUpdatePaymentSettings } when !ManualPaymentTypes.Contains(TargetType(request)) =>
            $"Proabono only accepts manual payment types here: {string.Join(", ", ManualPaymentTypes)} (cards and direct debit belong to the gateway).",
        _ => null,
    };

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) =>
        request.Kind == ProviderActionKind.ProabonoCreateCustomer ? UpsertCall(request) : UpdateSettingsCall(request);

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (request.Kind == ProviderActionKind.ProabonoCreateCustomer)
        {
            // An upsert by ReferenceCustomer: sending it again is harmless, so a lost answer needs no commit grace.
            return await WriteOnceAsync(request, transport, new GuardedWrite
            {
                Call = UpsertCall(request),
                What = "customer " + ReferenceOf(request),
                Repeatable = true,
                Settle = upsert => upsert.IsSuccess
                    ? upsert.Json is JsonObject customer
                        ? Result(request, upsert.Status == 201 ? ProviderActionOutcome.Written : ProviderActionOutcome.AlreadyDone, upsert.Request, ReferenceOf(request), Portal(customer), newValue: customer,
                            message: upsert.Status == 201 ? "Customer created." : "Customer existed; its details were refreshed.")
                        : null
                    : Failure(request, upsert, "ApiKey"),
                ReadBack = async (_, token) =>
                {
                    var read = await transport.SendAsync(new ProviderCall(HttpMethod.Get, "/v1/Customer", SafeToRetry: true) { Query = [new("ReferenceCustomer", ReferenceOf(request))] }, token);
                    return read switch
                    {
                        { IsSuccess: true, Json: JsonObject customer } => ProviderReadBack.Holds(new ProviderRecord(customer, ReferenceOf(request), Portal(customer), $"customer {ReferenceOf(request)}"), read.Request),
                        { Status: 404 } => ProviderReadBack.Absent($"no customer {ReferenceOf(request)}", read.Request),
                        _ => ProviderReadBack.Unknown($"reading customer {ReferenceOf(request)} answered {read.Status}: {ErrorMessage(read)}", read.Request),
                    };
                },
            }, cancellationToken);
        }

        var read = await transport.SendAsync(ReadSettingsCall(request), cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Status == 403
                ? Result(request, ProviderActionOutcome.NotFound, read.Request, message: $"Proabono: customer {ReferenceOf(request)} not found or inaccessible.")
                : Failure(request, read, "ApiKey");
        }

        if (string.Equals(read.Json?["TypePayment"]?.ToString(), TargetType(request), StringComparison.Ordinal))
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, read.Request, ReferenceOf(request), oldValue: read.Json, newValue: read.Json, message: $"Payment type is already {TargetType(request)}.", providerHolds: $"payment type {TargetType(request)} on customer {ReferenceOf(request)}");
        }

        // A partial update to a fixed value: sending it again is harmless.
        return await WriteOnceAsync(request, transport, new GuardedWrite
        {
            Call = UpdateSettingsCall(request),
            What = $"the payment type {TargetType(request)} of customer {ReferenceOf(request)}",
            Repeatable = true,
            OldValue = read.Json,
            Settle = updated => updated.IsSuccess
                ? updated.Json is JsonObject settings ? Result(request, ProviderActionOutcome.Written, updated.Request, ReferenceOf(request), oldValue: read.Json, newValue: settings, message: $"Payment type changed to {TargetType(request)}.") : null
                : Failure(request, updated, "ApiKey"),
            ReadBack = async (_, token) =>
            {
                var again = await transport.SendAsync(ReadSettingsCall(request), token);
                if (!again.IsSuccess || again.Json is not JsonObject settings)
                {
                    return ProviderReadBack.Unknown($"reading the payment settings answered {again.Status}: {ErrorMessage(again)}", again.Request);
                }

                return string.Equals(settings["TypePayment"]?.ToString(), TargetType(request), StringComparison.Ordinal)
                    ? ProviderReadBack.Holds(new ProviderRecord(settings, ReferenceOf(request), null, $"payment type {TargetType(request)} on customer {ReferenceOf(request)}"), again.Request)
                    : ProviderReadBack.Absent($"payment type still {settings["TypePayment"]} on customer {ReferenceOf(request)}", again.Request);
            },
        }, cancellationToken);
    }

    protected override async Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken)
    {
        var reference = lookup.AccountId ?? (lookup.Email is null ? null : "dialnexa-" + StableToken(lookup.Email.ToUpperInvariant()));
        if (reference is null)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "No reference or email to look up.");
        }

        var reply = await transport.SendAsync(new ProviderCall(HttpMethod.Get, "/v1/Customer", SafeToRetry: true) { Query = [new("ReferenceCustomer", reference)] }, cancellationToken);
        if (reply.IsSuccess && reply.Json is JsonObject customer)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.Found, [new ProviderCustomer(customer["ReferenceCustomer"]?.ToString() ?? reference, customer["Name"]?.ToString(), customer["Email"]?.ToString(), null, Portal(customer))]);
        }

        return reply.Status == 404
            ? new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [])
            : new CustomerLookupResult(Name, CustomerLookupStatus.Failed, [], $"Proabono answered {reply.Status}: {ErrorMessage(reply)}");
    }

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var agent = resolved(_settings.AgentKey) ?? "";
        var key = resolved(_settings.ApiKey) ?? "";
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{agent}:{key}"));
        return (new Dictionary<string, string> { ["Authorization"] = "Basic " + basic, ["Accept"] = "application/json" }, [], [agent, key, basic]);
    }

    private static string TargetType(ProviderActionRequest request) => request.PaymentMethodType ?? "ExternalBank";

    private static ProviderCall UpsertCall(ProviderActionRequest request)
    {
        var body = new JsonObject { ["ReferenceCustomer"] = ReferenceOf(request) };
        if (request.Email is not null)
        {
            body["Email"] = request.Email;
        }

        if (request.CustomerName is not null)
        {
            body["Name"] = request.CustomerName;
        }

        var metadata = new JsonObject { ["DialNexaCall"] = request.CallId };
        if (request.Note is not null)
        {
            metadata["Note"] = request.Note.Length > 450 ? request.Note[..450] : request.Note;
        }

        body["Metadata"] = metadata;
        return new ProviderCall(HttpMethod.Post, "/v1/Customer", body, SafeToRetry: true);
    }

    private static ProviderCall ReadSettingsCall(ProviderActionRequest request) =>
        new(HttpMethod.Get, "/v1/CustomerSettingsPayment", SafeToRetry: true) { Query = [new("ReferenceCustomer", ReferenceOf(request))] };

    private static ProviderCall UpdateSettingsCall(ProviderActionRequest request) =>
        new(HttpMethod.Post, "/v1/CustomerSettingsPayment", new JsonObject { ["TypePayment"] = TargetType(request) }, SafeToRetry: true)
        {
            Query = [new("ReferenceCustomer", ReferenceOf(request))],
        };

    private static string? Portal(JsonNode? customer) =>
        (customer?["Links"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(l => l["rel"]?.ToString() == "insite-home")?["href"]?.ToString();
}
