using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers.Altoviz;

/// <summary>Altoviz's previews: a contact is created only when none has the caller's email.</summary>
public sealed partial class AltovizProvider
{
    protected override async Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == ProviderActionKind.AltovizFindContactByEmail)
        {
            return new WritePlan(PlannedWrite(request)) { Note = "A search: nothing in Altoviz changes." };
        }

        if (reader is null)
        {
            return new WritePlan(PlannedWrite(request)) { Note = "Altoviz is not read here (no API key): live, a contact with this email that exists already is kept and nothing is created." };
        }

        var found = await reader.SendAsync(FindCall(request.Email!), cancellationToken);
        if (!found.IsSuccess)
        {
            return new WritePlan(CreateCall(request)) { CurrentValues = ProviderCurrentValues.ReadFailed, Note = $"Altoviz answered {found.Status} to the contact search ({ErrorMessage(found)})." };
        }

        return (found.Json as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault() is { } contact
            ? new WritePlan(null) { Current = contact, CurrentValues = ProviderCurrentValues.Read, RecordId = contact["id"]?.ToString(), Note = "An Altoviz contact with this email exists already: nothing will be created." }
            : new WritePlan(CreateCall(request)) { CurrentValues = ProviderCurrentValues.NewRecord };
    }
}
