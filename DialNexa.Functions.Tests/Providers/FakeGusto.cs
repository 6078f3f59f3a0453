using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DialNexa.Functions.Tests.Providers;

/// <summary>
/// Gusto's contractor, payment method and company bank account endpoints under <c>/gusto</c> on a loopback fake,
/// answering as the API reference describes: paged contractors, a versioned payment method (a stale version is 409),
/// and bank accounts that come back with the routing number and a hidden account number (a repeat of the same account
/// is 200 "unchanged").
/// </summary>
internal sealed class FakeGusto
{
    public const string CompanyId = "8d2a91f0-company";

    private readonly List<JsonObject> _contractors = [];
    private readonly ConcurrentDictionary<string, JsonObject> _paymentMethods = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _bankAccounts = [];
    private int _versions;

    /// <summary>The raw bodies of every bank account POST, in order (to check what reached Gusto, and how often).</summary>
    public ConcurrentQueue<string> BankAccountPosts { get; } = new();

    public void AddContractor(string uuid, string firstName, string lastName, string email, string paymentType)
    {
        lock (_contractors)
        {
            _contractors.Add(new JsonObject { ["uuid"] = uuid, ["first_name"] = firstName, ["last_name"] = lastName, ["email"] = email, ["is_active"] = true });
        }

        _paymentMethods[uuid] = new JsonObject { ["version"] = NextVersion(), ["type"] = paymentType, ["split_by"] = null, ["splits"] = new JsonArray() };
    }

    public void AddBankAccount(string routingNumber, string accountNumber, string type)
    {
        lock (_bankAccounts)
        {
            _bankAccounts.Add(Account(routingNumber, accountNumber, type, "verified"));
        }
    }

    public JsonObject PaymentMethodOf(string uuid) => (JsonObject)_paymentMethods[uuid].DeepClone();

    public async Task HandleAsync(HttpContext context, string body)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!["/gusto".Length..];
        var contractors = $"/v1/companies/{CompanyId}/contractors";
        var bankAccounts = $"/v1/companies/{CompanyId}/bank_accounts";
        if (path == contractors && method == "GET")
        {
            JsonArray page;
            lock (_contractors)
            {
                page = context.Request.Query["page"] == "1" ? [.. _contractors.Select(c => c.DeepClone())] : [];
            }

            await context.Response.WriteAsync(page.ToJsonString());
            return;
        }

        if (path.StartsWith("/v1/contractors/", StringComparison.Ordinal) && path.EndsWith("/payment_method", StringComparison.Ordinal))
        {
            var uuid = path["/v1/contractors/".Length..^"/payment_method".Length];
            if (!_paymentMethods.TryGetValue(uuid, out var current))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"errors":[{"error_key":"contractor","category":"not_found","message":"Contractor not found"}]}""");
                return;
            }

            if (method == "PUT")
            {
                var update = JsonNode.Parse(body)!.AsObject();
                if (update["version"]?.ToString() != current["version"]?.ToString())
                {
                    context.Response.StatusCode = 409;
                    await context.Response.WriteAsync("""{"errors":[{"error_key":"version","category":"invalid_attribute_value","message":"The resource you are attempting to update has been modified."}]}""");
                    return;
                }

                current = new JsonObject { ["version"] = NextVersion(), ["type"] = update["type"]!.ToString(), ["split_by"] = null, ["splits"] = new JsonArray() };
                _paymentMethods[uuid] = current;
            }

            await context.Response.WriteAsync(current.ToJsonString());
            return;
        }

        if (path == bankAccounts && method == "GET")
        {
            string list;
            lock (_bankAccounts)
            {
                list = new JsonArray([.. _bankAccounts.Select(a => a.DeepClone())]).ToJsonString();
            }

            await context.Response.WriteAsync(list);
            return;
        }

        if (path == bankAccounts && method == "POST")
        {
            BankAccountPosts.Enqueue(body);
            var request = JsonNode.Parse(body)!.AsObject();
            var routing = request["routing_number"]!.ToString();
            var account = request["account_number"]!.ToString();
            JsonObject? same;
            JsonObject created;
            lock (_bankAccounts)
            {
                same = _bankAccounts.FirstOrDefault(a => a["routing_number"]!.ToString() == routing && a["hidden_account_number"]!.ToString() == "XXXX" + account[^4..]);
                created = same ?? Account(routing, account, request["account_type"]!.ToString(), "awaiting_deposits");
                if (same is null)
                {
                    _bankAccounts.Add(created);
                }
            }

            // A repeat of an account Gusto holds is 200 "Bank account unchanged"; a new one 201.
            context.Response.StatusCode = same is null ? 201 : 200;
            await context.Response.WriteAsync(created.ToJsonString());
            return;
        }

        context.Response.StatusCode = 404;
    }

    private static JsonObject Account(string routingNumber, string accountNumber, string type, string verification) => new()
    {
        ["uuid"] = Guid.NewGuid().ToString(),
        ["company_uuid"] = CompanyId,
        ["account_type"] = type,
        ["routing_number"] = routingNumber,
        ["hidden_account_number"] = "XXXX" + accountNumber[^4..],
        ["verification_status"] = verification,
        ["verification_type"] = "bank_deposits",
        ["name"] = "Funding account",
    };

    private string NextVersion() => "v" + Interlocked.Increment(ref _versions).ToString(System.Globalization.CultureInfo.InvariantCulture) + "3f5a9c";
}
