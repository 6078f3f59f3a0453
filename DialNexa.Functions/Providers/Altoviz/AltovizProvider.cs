using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Providers.Altoviz;

/// <summary>Altoviz: find a contact by email, and create one only when none matches. X-API-KEY header.</summary>
public sealed partial class AltovizProvider(IOptions<AltovizOptions> options, IHttpClientFactory httpClients, ISecretResolver secrets, IActionOutbox outbox)
    : FinanceProvider(ProviderName.Altoviz, options.Value, httpClients, secrets, outbox)
{
    private readonly AltovizOptions _settings = options.Value;

    /// <summary>The actions this provider carries out; <see cref="ProviderActions"/> routes each to it.</summary>
    public static IReadOnlyCollection<ProviderActionKind> Actions { get; } =
        [ProviderActionKind.AltovizFindContactByEmail, ProviderActionKind.AltovizCreateContact];

    public override IReadOnlyCollection<ProviderActionKind> SupportedActions => Actions;

    protected override string DefaultBaseUrl => "https://api.altoviz.com";

    protected override string? Validate(ProviderActionRequest request) =>
        string.IsNullOrEmpty(request.Email) ? "Altoviz contacts are found and deduplicated by email; the caller gave none." : null;

    protected override ProviderCall PlannedWrite(ProviderActionRequest request) =>
        request.Kind == ProviderActionKind.AltovizCreateContact ? CreateCall(request) : FindCall(request.Email!);

    protected override async Task<ProviderActionResult> LiveAsync(ProviderActionRequest request, ProviderTransport transport, CancellationToken cancellationToken)
    {
        var found = await transport.SendAsync(FindCall(request.Email!), cancellationToken);
        if (!found.IsSuccess)
        {
            return Failure(request, found, "ApiKey");
        }

        var contact = (found.Json as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault();
        if (request.Kind == ProviderActionKind.AltovizFindContactByEmail)
        {
            return contact is null
                ? Result(request, ProviderActionOutcome.NotFound, found.Request, message: "No Altoviz contact has the caller's email.")
                : Result(request, ProviderActionOutcome.Found, found.Request, contact["id"]?.ToString(), newValue: contact, message: $"Altoviz contact {contact["id"]} has the caller's email.");
        }

        if (contact is not null)
        {
            return Result(request, ProviderActionOutcome.AlreadyDone, found.Request, contact["id"]?.ToString(), newValue: contact, message: "A contact with this email exists; none created.", providerHolds: $"contact {contact["id"]} ({request.Email})");
        }

        return await WriteOnceAsync(request, transport, new GuardedWrite
        {
            Call = CreateCall(request),
            What = "the new contact " + request.Email,
            Settle = created => created.IsSuccess
                ? created.Json is JsonObject contact ? Result(request, ProviderActionOutcome.Written, created.Request, contact["id"]?.ToString(), newValue: contact, message: "Contact created.") : null
                : Failure(request, created, "ApiKey"),
            ReadBack = async (_, token) =>
            {
                var again = await transport.SendAsync(FindCall(request.Email!), token);
                if (!again.IsSuccess)
                {
                    return ProviderReadBack.Unknown($"finding contacts answered {again.Status}: {ErrorMessage(again)}", again.Request);
                }

                return (again.Json as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault() is { } contact
                    ? ProviderReadBack.Holds(new ProviderRecord(contact, contact["id"]?.ToString(), null, $"contact {contact["id"]} ({request.Email})"), again.Request)
                    : ProviderReadBack.Absent("no contact with the email " + request.Email, again.Request);
            },
        }, cancellationToken);
    }

    protected override async Task<CustomerLookupResult> LookupAsync(CustomerLookup lookup, ProviderTransport transport, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lookup.Email))
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.NotFound, [], "Altoviz finds contacts by email; the caller gave none.");
        }

        var reply = await transport.SendAsync(FindCall(lookup.Email), cancellationToken);
        if (!reply.IsSuccess)
        {
            return new CustomerLookupResult(Name, CustomerLookupStatus.Failed, [], $"Altoviz answered {reply.Status}: {ErrorMessage(reply)}");
        }

        var contacts = (reply.Json as JsonArray ?? []).OfType<JsonObject>().Select(c => new ProviderCustomer(
            c["id"]?.ToString() ?? "",
            c["displayName"]?.ToString() ?? string.Join(' ', new[] { c["firstName"]?.ToString(), c["lastName"]?.ToString() }.Where(n => !string.IsNullOrEmpty(n))),
            c["email"]?.ToString(),
            c["phone"]?.ToString() ?? c["cellPhone"]?.ToString(),
            null)).ToList();
        return new CustomerLookupResult(Name, contacts.Count > 0 ? CustomerLookupStatus.Found : CustomerLookupStatus.NotFound, contacts);
    }

    protected override (IReadOnlyDictionary<string, string> Headers, IReadOnlyList<KeyValuePair<string, string>> SecretQuery, IReadOnlyList<string?> Secrets) Credentials(Func<string?, string?> resolved)
    {
        var key = resolved(_settings.ApiKey) ?? "";
        return (new Dictionary<string, string> { ["X-API-KEY"] = key, ["Accept"] = "application/json" }, [], [key]);
    }

    private static ProviderCall FindCall(string email) =>
        new(HttpMethod.Get, "/v1/Contacts/Find", SafeToRetry: true) { Query = [new("email", email)] };

    private static ProviderCall CreateCall(ProviderActionRequest request)
    {
        var (first, last) = SplitName(request.CustomerName);
        var body = new JsonObject { ["email"] = request.Email, ["internalId"] = "dialnexa-" + StableToken(request.Email!.ToUpperInvariant()) };
        if (first is not null)
        {
            body["firstName"] = first;
        }

        if (last is not null)
        {
            body["lastName"] = last;
        }

        if (request.Phone is not null)
        {
            body["phone"] = request.Phone;
        }

        return new ProviderCall(HttpMethod.Post, "/v1/Contacts", body);
    }
}
