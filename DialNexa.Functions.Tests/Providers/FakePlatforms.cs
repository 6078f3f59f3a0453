using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DialNexa.Functions.Providers;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>Paystack, Plisio, Proabono and Altoviz under one loopback fake (by path prefix), answering like each API.</summary>
internal sealed class FakePlatforms
{
    private readonly ConcurrentQueue<string> _effects = new();
    private readonly ConcurrentDictionary<ProviderActionKind, int> _runs = new();
    private readonly ConcurrentDictionary<string, string> _paystackCustomers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _plisioOrders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _proabonoCustomers = new(StringComparer.Ordinal);
    private readonly JsonArray _altovizContacts = [];

    public List<JsonObject> PaymentRequests { get; } = [];

    /// <summary>Makes the caller a known Paystack customer (payment requests need one).</summary>
    public void AddPaystackCustomer(string email) => _paystackCustomers[email] = "CUS_dana";

    /// <summary>Makes the caller a known Altoviz contact (a match by email, without a Paystack customer).</summary>
    public void AddAltovizContact(string email, string firstName, string lastName)
    {
        lock (_altovizContacts)
        {
            _altovizContacts.Add(new JsonObject { ["id"] = 41, ["email"] = email, ["firstName"] = firstName, ["lastName"] = lastName, ["displayName"] = $"{firstName} {lastName}" });
        }
    }

    public int Runs(ProviderActionKind kind) => _runs.GetValueOrDefault(kind);

    public int Effects(string effect) => _effects.Count(e => e == effect);

    public async Task HandleAsync(HttpContext context, string body)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!;
        var query = context.Request.Query;
        if (method != "GET" || path.EndsWith("/invoices/new", StringComparison.Ordinal))
        {
            _effects.Enqueue($"{method} {path}");
        }

        switch (path)
        {
            case var p when p.StartsWith("/paystack/customer/", StringComparison.Ordinal) && method == "GET":
                var email = Uri.UnescapeDataString(p["/paystack/customer/".Length..]);
                _runs.AddOrUpdate(ProviderActionKind.PaystackCreateCustomer, 1, (_, n) => n + 1);
                _runs.AddOrUpdate(ProviderActionKind.PaystackSendPaymentRequestNotification, 1, (_, n) => n + 1);
                if (_paystackCustomers.TryGetValue(email, out var code))
                {
                    await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Customer retrieved", ["data"] = new JsonObject { ["id"] = 7, ["email"] = email, ["customer_code"] = code } }.ToJsonString());
                    return;
                }

                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"status":false,"message":"Customer not found"}""");
                return;
            case "/paystack/customer":
                _paystackCustomers[JsonNode.Parse(body)!["email"]!.GetValue<string>()] = "CUS_dana";
                await context.Response.WriteAsync("""{"status":true,"message":"Customer created","data":{"id":7,"customer_code":"CUS_dana"}}""");
                return;
            case "/paystack/paymentrequest" when method == "GET":
                JsonArray list;
                lock (PaymentRequests)
                {
                    list = [.. PaymentRequests.Select(r => r.DeepClone())];
                }

                await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment requests retrieved", ["data"] = list }.ToJsonString());
                return;
            case "/paystack/paymentrequest":
                var created = JsonNode.Parse(body)!.AsObject();
                created["id"] = 100 + PaymentRequests.Count;
                created["request_code"] = "PRQ_" + PaymentRequests.Count;
                lock (PaymentRequests)
                {
                    PaymentRequests.Add(created);
                }

                await context.Response.WriteAsync(new JsonObject { ["status"] = true, ["message"] = "Payment request created", ["data"] = created.DeepClone() }.ToJsonString());
                return;
            case var p when p.StartsWith("/paystack/paymentrequest/notify/", StringComparison.Ordinal):
                await context.Response.WriteAsync("""{"status":true,"message":"Notification sent"}""");
                return;
            case "/plisio/operations":
                _runs.AddOrUpdate(ProviderActionKind.PlisioCreateInvoice, 1, (_, n) => n + 1);
                var search = query["search"].ToString();
                var operations = _plisioOrders.ContainsKey(search) ? """[{"id":"op1","status":"new"}]""" : "[]";
                await context.Response.WriteAsync("""{"status":"success","data":{"operations":""" + operations + "}}");
                return;
            case "/plisio/invoices/new":
                _plisioOrders[query["order_number"].ToString()] = "txn1";
                await context.Response.WriteAsync("""{"status":"success","data":{"txn_id":"txn1","invoice_url":"https://plisio.net/invoice/txn1"}}""");
                return;
            case "/proabono/v1/Customer":
                _runs.AddOrUpdate(ProviderActionKind.ProabonoCreateCustomer, 1, (_, n) => n + 1);
                var reference = JsonNode.Parse(body)!["ReferenceCustomer"]!.GetValue<string>();
                var isNew = _proabonoCustomers.TryAdd(reference, true);
                if (isNew)
                {
                    _effects.Enqueue("CREATED /proabono/v1/Customer");
                }

                context.Response.StatusCode = isNew ? 201 : 200;
                await context.Response.WriteAsync($$"""{"Id":1,"ReferenceCustomer":"{{reference}}"}""");
                return;
            case "/altoviz/v1/Contacts/Find":
                _runs.AddOrUpdate(ProviderActionKind.AltovizCreateContact, 1, (_, n) => n + 1);
                string contacts;
                var wanted = query["email"].ToString();
                lock (_altovizContacts)
                {
                    // The API finds contacts by the email asked for.
                    contacts = new JsonArray([.. _altovizContacts.Where(c => string.Equals(c?["email"]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase)).Select(c => c!.DeepClone())]).ToJsonString();
                }

                await context.Response.WriteAsync(contacts);
                return;
            case "/altoviz/v1/Contacts":
                var contact = JsonNode.Parse(body)!.AsObject();
                contact["id"] = 42;
                lock (_altovizContacts)
                {
                    _altovizContacts.Add(contact.DeepClone());
                }

                await context.Response.WriteAsync(contact.ToJsonString());
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }
}
