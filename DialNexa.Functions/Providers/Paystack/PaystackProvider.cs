using System.Globalization;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Paystack;

/// <summary>
/// Paystack: create customer (fetched by email first) and send payment request notification (find or create the call's
/// payment request, then notify, never twice for one call). Bearer secret key; amounts in subunits.
/// </summary>
public sealed partial class PaystackProvider(IOptions<PaystackOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Paystack, options.Value, httpClients, secrets, outbox)
{
    private readonly PaystackOptions _settings = options.Value;

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.PaystackCreateCustomer, ProviderActionKind.PaystackSendPaymentRequestNotification];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://api.paystack.co";

    protected override string? Validate(ProviderActionRequest request) => request switch
    {
        { Email: null or "" } => "Paystack needs the customer's email.",
        // An existing payment request is found by its invoice number; only creating one needs the amount and currency.
        { Kind: ProviderActionKind.PaystackSendPaymentRequestNotification, InvoiceNumber: null or "", Amount: null } => "A payment request needs an invoice number to find it, or an amount to create it.",
        { Kind: ProviderActionKind.PaystackSendPaymentRequestNotification, Amount: not null, Currency: null or "" } => "A payment request needs a currency.",
        _ => null,
    };

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) => request switch
    {
        { Kind: ProviderActionKind.PaystackCreateCustomer } => CreateCustomerCall(request),
        { Amount: null } => new ProviderCall(HttpMethod.Post, "/paymentrequest/notify/{id of the payment request for " + request.InvoiceNumber + "}"),
        _ => CreatePaymentRequestCall(request, request.ProviderCustomerId ?? "{customer_code of " + request.Email + "}"),
    };

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        var existing = await transport.SendAsync(FetchCustomer(request.Email!), cancellationToken);
        if (request.Kind == ProviderActionKind.PaystackCreateCustomer)
        {
            if (existing.IsSuccess && existing.Json?["data"] is JsonObject found)
            {
                return Result(request, ProviderActionOutcome.AlreadyDone, existing.Request, Code(found), Dashboard(found), newValue: found, message: "The customer already exists.", providerHolds: $"customer {Code(found)} ({request.Email})");
            }

            if (existing.Status != 404)
            {
                return Failure(request, existing, "SecretKey");
            }

            return await WriteOnceAsync(request, transport, new GuardedWrite
            {
                Call = CreateCustomerCall(request),
                What = "the new customer " + request.Email,
                Settle = created => created.IsSuccess
                    ? created.Json?["data"] is JsonObject data ? Result(request, ProviderActionOutcome.Written, created.Request, Code(data), Dashboard(data), newValue: data, message: "Customer created.") : null
                    : Failure(request, created, "SecretKey"),
                ReadBack = (_, token) => ReadCustomerAsync(transport, request.Email!, token),
            }, cancellationToken);
        }

        if (!existing.IsSuccess || existing.Json?["data"] is not JsonObject customer)
        {
            return existing.Status == 404
                ? Result(request, ProviderActionOutcome.NotFound, existing.Request, message: $"No Paystack customer has the caller's email; create the customer first.")
                : Failure(request, existing, "SecretKey");
        }

        var tag = Tag(request);
        var list = await transport.SendAsync(ListPending(customer), cancellationToken);
        if (!list.IsSuccess)
        {
            return Failure(request, list, "SecretKey");
        }

        var requests = list.Json?["data"] as JsonArray ?? [];
        var ours = requests.OfType<JsonObject>().FirstOrDefault(r => r["description"]?.ToString()?.Contains(tag, StringComparison.Ordinal) == true);
        if (ours is not null)
        {
            // Created for this call earlier: its creation sent the notification already.
            return Result(request, ProviderActionOutcome.AlreadyDone, list.Request, ours["request_code"]?.ToString(), newValue: ours, message: "This call's payment request exists and was notified when created.", providerHolds: $"payment request {ours["request_code"]} tagged {tag}");
        }

        var forInvoice = request.InvoiceNumber is null ? null : requests.OfType<JsonObject>().FirstOrDefault(r =>
            r["description"]?.ToString()?.Contains(request.InvoiceNumber, StringComparison.OrdinalIgnoreCase) == true
            || r["invoice_number"]?.ToString() == request.InvoiceNumber);
        if (forInvoice?["request_code"]?.ToString() is { } code)
        {
            return await NotifyAsync(request, transport, customer, forInvoice, code, list.Request, cancellationToken);
        }

        if (request.Amount is null)
        {
            return Result(request, ProviderActionOutcome.NotFound, list.Request, message: $"No pending Paystack payment request matches invoice {request.InvoiceNumber}, and the call gave no amount to create one.");
        }

        return await WriteOnceAsync(request, transport, new GuardedWrite
        {
            Call = CreatePaymentRequestCall(request, Code(customer) ?? ""),
            What = "the payment request for " + (request.InvoiceNumber ?? request.Description ?? "the call"),
            Settle = created => created.IsSuccess
                ? created.Json?["data"] is JsonObject prq ? Result(request, ProviderActionOutcome.Written, created.Request, prq["request_code"]?.ToString(), newValue: prq, message: "Payment request created; Paystack emailed the customer.") : null
                : Failure(request, created, "SecretKey"),
            ReadBack = async (_, token) =>
            {
                var again = await transport.SendAsync(ListPending(customer), token);
                if (!again.IsSuccess)
                {
                    return ProviderReadBack.Unknown($"listing payment requests answered {again.Status}: {ErrorMessage(again)}", again.Request);
                }

                return (again.Json?["data"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => r["description"]?.ToString()?.Contains(tag, StringComparison.Ordinal) == true) is { } prq
                    ? ProviderReadBack.Holds(new ProviderRecord(prq, prq["request_code"]?.ToString(), null, $"payment request {prq["request_code"]} tagged {tag}"), again.Request)
                    : ProviderReadBack.Absent($"no pending payment request tagged {tag}", again.Request);
            },
        }, cancellationToken);
    }

    /// <summary>
    /// Notifies the customer of an existing payment request, once: confirmed notifications are claimed, and an answer
    /// lost on the way back is settled by reading the request's notifications (the count before is kept with the
    /// pending marker), since Paystack sends another email for every call to this endpoint.
    /// </summary>
    private async Task<ProviderActionResult> NotifyAsync(ProviderActionRequest request, ProviderTransport transport, JsonObject customer, JsonObject forInvoice, string code, RenderedRequest read, CancellationToken cancellationToken)
    {
        var claim = $"paystack-notify:{request.Kind}";
        if (await Outbox.IsClaimedAsync(request.CallId, claim, cancellationToken))
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, read, code, oldValue: forInvoice, newValue: forInvoice, message: "A notification for this call was already sent.");
        }

        // The spec types {id} as the payment request's integer id (the docs also accept the PRQ_ code; the spec does not).
        var target = forInvoice["id"] is JsonValue id && id.TryGetValue<long>(out var numeric) ? numeric.ToString(CultureInfo.InvariantCulture) : code;
        var result = await WriteOnceAsync(request, transport, new GuardedWrite
        {
            Call = new ProviderCall(HttpMethod.Post, $"/paymentrequest/notify/{Uri.EscapeDataString(target)}"),
            What = $"the notification of payment request {code}",
            Baseline = Notifications(forInvoice).ToString(CultureInfo.InvariantCulture),
            OldValue = forInvoice,
            Settle = notified => notified.IsSuccess
                ? notified.Json is JsonObject answer ? Result(request, ProviderActionOutcome.Written, notified.Request, code, oldValue: forInvoice, newValue: answer, message: "Notification sent for the existing payment request.") : null
                : Failure(request, notified, "SecretKey"),
            ReadBack = async (baseline, token) =>
            {
                var again = await transport.SendAsync(ListPending(customer), token);
                if (!again.IsSuccess)
                {
                    return ProviderReadBack.Unknown($"listing payment requests answered {again.Status}: {ErrorMessage(again)}", again.Request);
                }

                var now = (again.Json?["data"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => r["request_code"]?.ToString() == code);
                if (now is null)
                {
                    return ProviderReadBack.Unknown($"payment request {code} is no longer pending, so its notifications cannot be read", again.Request);
                }

                var before = int.TryParse(baseline, CultureInfo.InvariantCulture, out var count) ? count : 0;
                return Notifications(now) > before
                    ? ProviderReadBack.Holds(new ProviderRecord(now, code, null, $"payment request {code} with {Notifications(now)} notification(s), {before} before this call's"), again.Request)
                    : ProviderReadBack.Absent($"payment request {code} still shows {Notifications(now)} notification(s)", again.Request);
            },
        }, cancellationToken);
        if (result.Outcome is ProviderActionOutcome.Written or ProviderActionOutcome.AlreadyDone)
        {
            await Outbox.TryClaimAsync(request.CallId, claim, cancellationToken);
        }

        return result;
    }

    private async Task<ProviderReadBack> ReadCustomerAsync(ProviderTransport transport, string email, CancellationToken cancellationToken)
    {
        var read = await transport.SendAsync(FetchCustomer(email), cancellationToken);
        if (read.IsSuccess && read.Json?["data"] is JsonObject data)
        {
            return ProviderReadBack.Holds(new ProviderRecord(data, Code(data), Dashboard(data), $"customer {Code(data)} ({email})"), read.Request);
        }

        return read.Status == 404
            ? ProviderReadBack.Absent("no customer with the email " + email, read.Request)
            : ProviderReadBack.Unknown($"fetching the customer answered {read.Status}: {ErrorMessage(read)}", read.Request);
    }

    private static ProviderCall ListPending(JsonObject customer) =>
        new(HttpMethod.Get, "/paymentrequest", SafeToRetry: true)
        {
            Query = [new("customer", customer["id"]?.ToString() ?? ""), new("status", "pending"), new("perPage", "100")],
        };

    private static int Notifications(JsonObject paymentRequest) => paymentRequest["notifications"] is JsonArray sent ? sent.Count : 0;

    protected override async Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lookup.Email))
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "Paystack finds customers by email; the caller gave none.");
        }

        var reply = await transport.SendAsync(FetchCustomer(lookup.Email), cancellationToken);
        if (reply.IsSuccess && reply.Json?["data"] is JsonObject data)
        {
            var name = string.Join(' ', new[] { data["first_name"]?.ToString(), data["last_name"]?.ToString() }.Where(n => !string.IsNullOrEmpty(n)));
            return new CustomerLookupResult(Name, CustomerLookupStatus.Found, [new ProviderCustomer(Code(data) ?? "", name.Length == 0 ? null : name, data["email"]?.ToString(), data["phone"]?.ToString(), Dashboard(data))]);
        }

        return reply.Status == 404
            ? new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [])
            : new CustomerLookupResult(Name, CustomerLookupStatus.Failed, [], $"Paystack answered {reply.Status}: {ErrorMessage(reply)}");
    }

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var key = resolved(_settings.SecretKey) ?? "";
        return (new Dictionary<string, string> { ["Authorization"] = "Bearer " + key, ["Accept"] = "application/json" }, [], [key]);
    }

    private static ProviderCall FetchCustomer(string email) => new(HttpMethod.Get, "/customer/" + Uri.EscapeDataString(email), SafeToRetry: true);

    private static ProviderCall CreateCustomerCall(ProviderActionRequest request)
    {
        var (first, last) = SplitName(request.CustomerName);
        var body = new JsonObject { ["email"] = request.Email };
        if (first is not null)
        {
            body["first_name"] = first;
        }

        if (last is not null)
        {
            body["last_name"] = last;
        }

        if (request.Phone is not null)
        {
            body["phone"] = request.Phone;
        }

        body["metadata"] = new JsonObject { ["dialnexa_call"] = request.CallId, ["note"] = request.Note }.ToJsonString();
        return new ProviderCall(HttpMethod.Post, "/customer", body);
    }

    private static ProviderCall CreatePaymentRequestCall(ProviderActionRequest request, string customerCode)
    {
        var body = new JsonObject
        {
            ["customer"] = customerCode,
            ["amount"] = (long)Math.Round(request.Amount!.Value * 100m, MidpointRounding.AwayFromZero),
            ["currency"] = request.Currency!.ToUpperInvariant(),
            ["description"] = $"{request.Description} {Tag(request)}".Trim(),
            ["send_notification"] = true,
        };
        if (request.DueDate is { } due)
        {
            // ISO 8601 date-time, as the spec's format requires (a bare date is refused).
            body["due_date"] = due.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return new ProviderCall(HttpMethod.Post, "/paymentrequest", body);
    }

    private static string Tag(ProviderActionRequest request) => $"[dialnexa:{StableToken(request.DedupeKey)}]";

    private static string? Code(JsonObject customer) => customer["customer_code"]?.ToString();

    private static string? Dashboard(JsonObject customer) =>
        Code(customer) is { } code ? "https://dashboard.paystack.com/#/customers/" + Uri.EscapeDataString(code) : null;
}
