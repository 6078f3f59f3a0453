using System.Globalization;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Plisio;

/// <summary>
/// Plisio: create invoice (order_number derived from the call is the dedupe key, checked through the operations search
/// before creating) and find an invoice by email (the operations search; Plisio has no email lookup). The secret key
/// travels in the query string as api_key and is masked everywhere.
/// </summary>
public sealed partial class PlisioProvider(IOptions<PlisioOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Plisio, options.Value, httpClients, secrets, outbox)
{
    private readonly PlisioOptions _settings = options.Value;

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.PlisioCreateInvoice, ProviderActionKind.PlisioFindInvoiceByEmail];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://api.plisio.net/api/v1";

    /// <summary>The store-unique order number for a call's invoice.</summary>
    public static string OrderNumber(ProviderActionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return "dnx-" + StableToken(request.DedupeKey);
    }

    protected override string? Validate(ProviderActionRequest request) => request switch
    {
        { Kind: ProviderActionKind.PlisioCreateInvoice, Amount: null } => "A Plisio invoice needs an amount.",
        { Kind: ProviderActionKind.PlisioCreateInvoice, Currency: null or "" } => "A Plisio invoice needs the fiat currency (source_currency).",
        { Kind: ProviderActionKind.PlisioFindInvoiceByEmail, Email: null or "" } => "Finding a Plisio invoice needs the caller's email.",
        _ => null,
    };

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) =>
        request.Kind == ProviderActionKind.PlisioCreateInvoice ? CreateCall(request) : SearchCall(request.Email!);

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (request.Kind == ProviderActionKind.PlisioFindInvoiceByEmail)
        {
            var found = await transport.SendAsync(SearchCall(request.Email!), cancellationToken);
            if (!Succeeded(found))
            {
                return Failure(request, found, "ApiKey");
            }

            var operation = Operations(found).FirstOrDefault();
            return operation is null
                ? Result(request, ProviderActionOutcome.NotFound, found.Request, message: "No Plisio invoice carries the caller's email.")
                : Result(request, ProviderActionOutcome.Found, found.Request, operation["id"]?.ToString(), operation["tx_url"]?.ToString(), newValue: operation, message: $"Plisio invoice {operation["id"]} ({operation["status"]}) carries the caller's email.");
        }

        var order = OrderNumber(request);
        var existing = await transport.SendAsync(new ProviderCall(HttpMethod.Get, "/operations", SafeToRetry: true) { Query = [new("search", order)] }, cancellationToken);
        if (!Succeeded(existing))
        {
            return Failure(request, existing, "ApiKey");
        }

        if (Operations(existing).FirstOrDefault() is { } invoice)
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, existing.Request, invoice["id"]?.ToString(), newValue: invoice, message: $"Invoice {order} already exists.", providerHolds: $"invoice {order} ({invoice["id"]}, {invoice["status"]})");
        }

        return await WriteOnceAsync(request, transport, new GuardedWrite
        {
            Call = CreateCall(request),
            What = $"invoice {order}",
            Settle = created => created switch
            {
                _ when Succeeded(created) && created.Json?["data"] is JsonObject data =>
                    Result(request, ProviderActionOutcome.Written, created.Request, data["txn_id"]?.ToString(), data["invoice_url"]?.ToString(), newValue: data, message: $"Invoice {order} created."),
                { IsSuccess: true, Json: JsonObject envelope } when envelope["status"]?.ToString() == "error" => Failure(request, created, "ApiKey"),
                { IsSuccess: true } => null,
                _ => Failure(request, created, "ApiKey"),
            },
            ReadBack = async (_, token) =>
            {
                var search = await transport.SendAsync(new ProviderCall(HttpMethod.Get, "/operations", SafeToRetry: true) { Query = [new("search", order)] }, token);
                if (!Succeeded(search))
                {
                    return ProviderReadBack.Unknown($"the operations search answered {search.Status}: {ErrorMessage(search)}", search.Request);
                }

                return Operations(search).FirstOrDefault() is { } found
                    ? ProviderReadBack.Holds(new ProviderRecord(found, found["id"]?.ToString(), found["tx_url"]?.ToString(), $"invoice {order} ({found["id"]}, {found["status"]})"), search.Request)
                    : ProviderReadBack.Absent($"no invoice with order number {order}", search.Request);
            },
        }, cancellationToken);
    }

    protected override Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken) =>
        Task.FromResult(new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "Plisio keeps no customer records to match against."));

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var key = resolved(_settings.ApiKey) ?? "";
        return (new Dictionary<string, string> { ["Accept"] = "application/json" }, [new("api_key", key)], [key]);
    }

    private static ProviderCall CreateCall(ProviderActionRequest request)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("order_name", request.Description ?? $"DialNexa call {request.CallId}"),
            new("order_number", OrderNumber(request)),
            new("source_currency", request.Currency!.ToUpperInvariant()),
            new("source_amount", request.Amount!.Value.ToString("0.00", CultureInfo.InvariantCulture)),
        };
        if (request.Email is not null)
        {
            query.Add(new("email", request.Email));
        }

        if (request.Note is not null)
        {
            query.Add(new("description", request.Note.Length > 250 ? request.Note[..250] : request.Note));
        }

        // Plisio asks that order_number be unique per store but documents no refusal of a repeat: a lost answer is
        // settled by searching for the order number, never by sending the create again blindly.
        return new ProviderCall(HttpMethod.Get, "/invoices/new") { Query = query };
    }

    private static ProviderCall SearchCall(string email) =>
        new(HttpMethod.Get, "/operations", SafeToRetry: true) { Query = [new("search", email), new("type", "invoice")] };

    private static bool Succeeded(ProviderReply reply) => reply.IsSuccess && reply.Json?["status"]?.ToString() == "success";

    private static IEnumerable<JsonObject> Operations(ProviderReply reply) =>
        (reply.Json?["data"]?["operations"] as JsonArray ?? []).OfType<JsonObject>();
}
