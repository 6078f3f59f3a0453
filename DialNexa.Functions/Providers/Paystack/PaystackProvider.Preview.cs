using System.Globalization;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers.Paystack;

/// <summary>Paystack's previews: the reads <see cref="LiveAsync"/> makes before it writes, and the write they lead to.</summary>
public sealed partial class PaystackProvider
{
    protected override async Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (reader is null)
        {
            return new WritePlan(PlannedWrite(request))
            {
                Note = request.Kind == ProviderActionKind.PaystackCreateCustomer
                    ? "Paystack is not read here (no secret key): live, a customer with this email that exists already is kept and nothing is created."
                    : "Paystack is not read here (no secret key): live, an existing pending payment request for the invoice is reminded instead of creating one.",
            };
        }

        var existing = await reader.SendAsync(FetchCustomer(request.Email!), cancellationToken);
        var customer = existing.IsSuccess ? existing.Json?["data"] as JsonObject : null;
        if (request.Kind == ProviderActionKind.PaystackCreateCustomer)
        {
            return (customer, existing.Status) switch
            {
                ({ } found, _) => new WritePlan(null)
                {
                    Current = found,
                    CurrentValues = ProviderCurrentValues.Read,
                    RecordId = Code(found),
                    Note = $"A Paystack customer with this email exists already ({Code(found)}): nothing will be created.",
                },
                (null, 404) => new WritePlan(CreateCustomerCall(request)) { CurrentValues = ProviderCurrentValues.NewRecord },
                _ => new WritePlan(CreateCustomerCall(request))
                {
                    CurrentValues = ProviderCurrentValues.ReadFailed,
                    Note = $"Paystack answered {existing.Status} to the customer lookup ({ErrorMessage(existing)}); the action looks again before it creates anything.",
                },
            };
        }

        if (customer is null)
        {
            return existing.Status == 404
                ? new WritePlan(null) { CurrentValues = ProviderCurrentValues.Read, Note = "No Paystack customer has the caller's email, so there is no payment request to send; the action will end Not found." }
                : new WritePlan(PlannedWrite(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, Note = $"Paystack answered {existing.Status} to the customer lookup ({ErrorMessage(existing)})." };
        }

        var list = await reader.SendAsync(
            new ProviderCall(HttpMethod.Get, "/paymentrequest", SafeToRetry: true)
            {
                Query = [new("customer", customer["id"]?.ToString() ?? ""), new("status", "pending"), new("perPage", "100")],
            },
            cancellationToken);
        if (!list.IsSuccess)
        {
            return new WritePlan(PlannedWrite(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, Note = $"Paystack answered {list.Status} to the payment request list ({ErrorMessage(list)})." };
        }

        var pending = (list.Json?["data"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var tag = Tag(request);
        if (pending.FirstOrDefault(r => r["description"]?.ToString()?.Contains(tag, StringComparison.Ordinal) == true) is { } ours)
        {
            return new WritePlan(null)
            {
                Current = ours,
                CurrentValues = ProviderCurrentValues.Read,
                RecordId = ours["request_code"]?.ToString(),
                Note = $"This call's payment request exists already ({ours["request_code"]}) and was emailed when it was created: nothing will be sent.",
            };
        }

        var forInvoice = request.InvoiceNumber is null ? null : pending.FirstOrDefault(r =>
            r["description"]?.ToString()?.Contains(request.InvoiceNumber, StringComparison.OrdinalIgnoreCase) == true
            || r["invoice_number"]?.ToString() == request.InvoiceNumber);
        if (forInvoice?["request_code"]?.ToString() is { } code)
        {
            var target = forInvoice["id"] is JsonValue id && id.TryGetValue<long>(out var numeric) ? numeric.ToString(CultureInfo.InvariantCulture) : code;
            return new WritePlan(new ProviderCall(HttpMethod.Post, $"/paymentrequest/notify/{Uri.EscapeDataString(target)}"))
            {
                Current = forInvoice,
                CurrentValues = ProviderCurrentValues.Read,
                RecordId = code,
                Operation = "Email the customer a reminder of an existing Paystack payment request",
                Note = $"Paystack emails the customer again about pending payment request {code}{Described(forInvoice)}. The request itself does not change.",
            };
        }

        if (request.Amount is null)
        {
            return new WritePlan(null) { CurrentValues = ProviderCurrentValues.Read, Note = $"No pending Paystack payment request matches invoice {request.InvoiceNumber}, and the call gave no amount to create one; the action will end Not found." };
        }

        return new WritePlan(CreatePaymentRequestCall(request, Code(customer) ?? ""))
        {
            CurrentValues = ProviderCurrentValues.NewRecord,
            RecordId = Code(customer),
            Operation = "Create a Paystack payment request (Paystack emails it to the customer)",
        };
    }

    private static string Described(JsonObject paymentRequest)
    {
        var parts = new List<string>();
        if (paymentRequest["amount"] is JsonValue amount && amount.TryGetValue<long>(out var subunits))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{subunits / 100m:N2} {paymentRequest["currency"]}").TrimEnd());
        }

        if (paymentRequest["description"]?.ToString() is { Length: > 0 } description)
        {
            parts.Add($"\"{description}\"");
        }

        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }
}
