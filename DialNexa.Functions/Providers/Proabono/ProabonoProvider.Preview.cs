using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers.Proabono;

/// <summary>Proabono's previews: the customer (or its payment settings) as held now, beside what the write sends.</summary>
public sealed partial class ProabonoProvider
{
    protected override async Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = ReferenceOf(request);
        if (reader is null)
        {
            return new WritePlan(PlannedWrite(request)) { RecordId = reference };
        }

        if (request.Kind == ProviderActionKind.ProabonoCreateCustomer)
        {
            var customer = await reader.SendAsync(new ProviderCall(HttpMethod.Get, "/v1/Customer", SafeToRetry: true) { Query = [new("ReferenceCustomer", reference)] }, cancellationToken);
            return (customer.IsSuccess, customer.Json, customer.Status) switch
            {
                (true, JsonObject held, _) => new WritePlan(UpsertCall(request)) { Current = held, CurrentValues = ProviderCurrentValues.Read, RecordId = reference, Operation = "Update a customer in Proabono", Note = $"Customer {reference} exists: the values sent replace the ones shown as current." },
                (_, _, 404) => new WritePlan(UpsertCall(request)) { CurrentValues = ProviderCurrentValues.NewRecord, RecordId = reference, Operation = "Create a customer in Proabono" },
                _ => new WritePlan(UpsertCall(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, RecordId = reference, Note = $"Proabono answered {customer.Status} to reading customer {reference} ({ErrorMessage(customer)})." },
            };
        }

        var settings = await reader.SendAsync(new ProviderCall(HttpMethod.Get, "/v1/CustomerSettingsPayment", SafeToRetry: true) { Query = [new("ReferenceCustomer", reference)] }, cancellationToken);
        if (!settings.IsSuccess || settings.Json is not JsonObject current)
        {
            return settings.Status == 403
                ? new WritePlan(null) { CurrentValues = ProviderCurrentValues.Read, RecordId = reference, Note = $"Proabono has no customer {reference} this key can reach: nothing will be sent, and the action will end Not found." }
                : new WritePlan(UpdateSettingsCall(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, RecordId = reference, Note = $"Proabono answered {settings.Status} to reading the payment settings ({ErrorMessage(settings)})." };
        }

        return string.Equals(current["TypePayment"]?.ToString(), TargetType(request), StringComparison.Ordinal)
            ? new WritePlan(null) { Current = current, CurrentValues = ProviderCurrentValues.Read, RecordId = reference, Note = $"The payment type is already {TargetType(request)}: nothing will be sent." }
            : new WritePlan(UpdateSettingsCall(request)) { Current = current, CurrentValues = ProviderCurrentValues.Read, RecordId = reference };
    }
}
