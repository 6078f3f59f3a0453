using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Gusto;

/// <summary>
/// Creating a company bank account. Its routing and account numbers never come from the call (redaction removes them):
/// finance enters them on the approval page, they are kept encrypted until this request, sent to Gusto once, and then
/// forgotten. Everything recorded (request, answer, messages) shows the last four digits only.
/// </summary>
public sealed partial class GustoProvider
{
    /// <summary>What the request shows where finance's numbers go, before finance enters them.</summary>
    public const string EnteredOnApprovalPage = "(entered by finance on the approval page)";

    private readonly IGustoBankAccountEntries? _bankAccounts;

    /// <summary>The app's constructor: with the store of bank accounts entered on approval pages.</summary>
    public GustoProvider(IOptions<GustoOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox, IGustoBankAccountEntries bankAccounts)
        : this(options, httpClients, secrets, outbox)
    {
        _bankAccounts = bankAccounts;
    }

    private ProviderCall PlannedBankAccountCall() =>
        new(HttpMethod.Post, BankAccountsPath(), new JsonObject
        {
            ["routing_number"] = EnteredOnApprovalPage,
            ["account_number"] = EnteredOnApprovalPage,
            ["account_type"] = "(chosen by finance on the approval page)",
        });

    private string BankAccountsPath() => $"/v1/companies/{Uri.EscapeDataString(_settings.CompanyId ?? "{company_id}")}/bank_accounts";

    private async Task<ProviderActionResult> CreateBankAccountAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        var entry = _bankAccounts is null ? null : await _bankAccounts.ReadAsync(request.CallId, cancellationToken);
        var accounts = await transport.SendAsync(new ProviderCall(HttpMethod.Get, BankAccountsPath(), SafeToRetry: true), cancellationToken);
        if (!accounts.IsSuccess)
        {
            return Scrubbed(Failure(request, accounts, "AccessToken"), entry);
        }

        var before = Hidden(accounts.Json);
        if (entry is null)
        {
            return Result(request, ProviderActionOutcome.Invalid, accounts.Request, oldValue: before,
                message: "No bank account was entered on the approval page for this call (the call's own numbers were removed by redaction): nothing was written. Enter it in Gusto, or approve a new request and type it on the page.");
        }

        // Sent already (a rerun): Gusto lists it, by routing number and the last four digits it shows.
        var held = (accounts.Json as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a =>
            a["routing_number"]?.ToString() == entry.RoutingNumber && a["hidden_account_number"]?.ToString()?.EndsWith(entry.AccountLast4, StringComparison.Ordinal) == true);
        if (held is not null)
        {
            await _bankAccounts!.ForgetAsync(request.CallId, cancellationToken);
            return Result(request, ProviderActionOutcome.AlreadyDone, accounts.Request, held["uuid"]?.ToString(), oldValue: before, newValue: Hidden(held), message: $"Gusto holds the {entry} already: nothing was sent again.");
        }

        // Gusto answers a repeat of the same account with 200 "unchanged", so a retried request adds nothing.
        var created = await transport.SendAsync(
            new ProviderCall(HttpMethod.Post, BankAccountsPath(), new JsonObject
            {
                ["routing_number"] = entry.RoutingNumber,
                ["account_number"] = entry.AccountNumber,
                ["account_type"] = entry.AccountType,
            }, SafeToRetry: true),
            cancellationToken);
        var sent = created.Request with { Body = created.Request.Body is { } body ? entry.Scrub(body) : null };
        if (!created.IsSuccess)
        {
            return Scrubbed(Failure(request, created with { Request = sent, Text = entry.Scrub(created.Text), Json = Hidden(created.Json) }, "AccessToken"), entry);
        }

        await _bankAccounts!.ForgetAsync(request.CallId, cancellationToken);
        return Result(request, created.Status == 200 ? ProviderActionOutcome.AlreadyDone : ProviderActionOutcome.Written, sent, created.Json?["uuid"]?.ToString(), oldValue: before, newValue: Hidden(created.Json),
            message: created.Status == 200
                ? $"Gusto holds the {entry} already (it answered 'unchanged')."
                : $"{entry} added in Gusto as the default funding account; Gusto sends two small deposits to verify it.");
    }

    /// <summary>Reads Gusto's accounts to show what the new one replaces; never writes.</summary>
    private async Task<WritePlan> PlanBankAccountAsync(ProviderTransport? reader, CancellationToken cancellationToken)
    {
        const string Effect = "Gusto sends two small test deposits to verify the new account, and it replaces the company's default funding account.";
        var call = PlannedBankAccountCall();
        if (reader is null)
        {
            return new WritePlan(call) { Note = Effect };
        }

        var accounts = await reader.SendAsync(new ProviderCall(HttpMethod.Get, BankAccountsPath(), SafeToRetry: true), cancellationToken);
        if (!accounts.IsSuccess)
        {
            return new WritePlan(call) { CurrentValues = ProviderCurrentValues.ReadFailed, Note = $"Gusto answered {accounts.Status} to the list of bank accounts ({ErrorMessage(accounts)}). {Effect}" };
        }

        var current = (accounts.Json as JsonArray ?? []).OfType<JsonObject>().LastOrDefault();
        if (current is null)
        {
            return new WritePlan(call) { CurrentValues = ProviderCurrentValues.NewRecord, Note = "The company has no bank account in Gusto yet. " + Effect };
        }

        return new WritePlan(call)
        {
            Current = new JsonObject
            {
                ["routing_number"] = HiddenRouting(current["routing_number"]?.ToString()),
                ["account_number"] = current["hidden_account_number"]?.ToString(),
                ["account_type"] = current["account_type"]?.ToString(),
            },
            CurrentValues = ProviderCurrentValues.Read,
            RecordId = current["uuid"]?.ToString(),
            Note = $"The current account ({current["account_type"]}, {current["hidden_account_number"]}, {current["verification_status"]}) stops being the default. {Effect}",
        };
    }

    /// <summary>Gusto's account records with every routing number cut to its last four digits (account numbers come back hidden already).</summary>
    private static JsonNode? Hidden(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(Hidden)]);
            case JsonObject record:
                var copy = new JsonObject();
                foreach (var (name, value) in record)
                {
                    copy[name] = name switch
                    {
                        "routing_number" => HiddenRouting(value?.ToString()),
                        "account_number" => value?.ToString() is { Length: > 4 } n ? "XXXX" + n[^4..] : value?.DeepClone(),
                        _ => Hidden(value),
                    };
                }

                return copy;
            default:
                return node?.DeepClone();
        }
    }

    private static string? HiddenRouting(string? routing) => routing is { Length: > 4 } r ? "XXXXX" + r[^4..] : routing;

    private static ProviderActionResult Scrubbed(ProviderActionResult result, GustoBankAccountEntry? entry) => entry is null ? result : result with
    {
        Message = result.Message is null ? null : entry.Scrub(result.Message),
        Request = result.Request is null ? null : result.Request with { Body = result.Request.Body is null ? null : entry.Scrub(result.Request.Body) },
        OldValue = result.OldValue is null ? null : entry.Scrub(result.OldValue),
        NewValue = result.NewValue is null ? null : entry.Scrub(result.NewValue),
    };
}
