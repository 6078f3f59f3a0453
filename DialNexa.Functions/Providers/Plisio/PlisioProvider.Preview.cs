using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers.Plisio;

/// <summary>Plisio's previews: whether this call's invoice exists already (found by its order number) before one is created.</summary>
public sealed partial class PlisioProvider
{
    protected override async Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != ProviderActionKind.PlisioCreateInvoice || reader is null)
        {
            return new WritePlan(PlannedWrite(request)) { Note = request.Kind == ProviderActionKind.PlisioFindInvoiceByEmail ? "A search: nothing in Plisio changes." : null };
        }

        var order = OrderNumber(request);
        var existing = await reader.SendAsync(new ProviderCall(HttpMethod.Get, "/operations", SafeToRetry: true) { Query = [new("search", order)] }, cancellationToken);
        if (!Succeeded(existing))
        {
            return new WritePlan(CreateCall(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, Note = $"Plisio answered {existing.Status} to the search for invoice {order} ({ErrorMessage(existing)})." };
        }

        return Operations(existing).FirstOrDefault() is { } invoice
            ? new WritePlan(null) { Current = invoice, CurrentValues = ProviderCurrentValues.Read, RecordId = invoice["id"]?.ToString(), Note = $"This call's invoice {order} exists already: nothing will be sent." }
            : new WritePlan(CreateCall(request)) { CurrentValues = ProviderCurrentValues.NewRecord, RecordId = order };
    }
}
