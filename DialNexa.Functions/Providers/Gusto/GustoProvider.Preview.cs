using System.Text.Json.Nodes;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers.Gusto;

/// <summary>Gusto's previews: the reads its actions make before they write, and the write they lead to.</summary>
public sealed partial class GustoProvider
{
    protected override async Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == ProviderActionKind.GustoCreateCompanyBankAccount)
        {
            return await PlanBankAccountAsync(reader, cancellationToken);
        }

        var contractor = request.ProviderCustomerId!;
        var target = TargetType(request);
        if (reader is null)
        {
            return new WritePlan(PlannedWrite(request)) { RecordId = contractor, Note = "Gusto is not read here (no access token): live, the current payment method and its version are read just before the change is sent." };
        }

        var current = await reader.SendAsync(new ProviderCall(HttpMethod.Get, $"/v1/contractors/{Uri.EscapeDataString(contractor)}/payment_method", SafeToRetry: true), cancellationToken);
        if (!current.IsSuccess || current.Json is not JsonObject old)
        {
            return new WritePlan(PlannedWrite(request))
            {
                CurrentValues = ProviderCurrentValues.ReadFailed,
                RecordId = contractor,
                Note = $"Gusto answered {current.Status} to reading the payment method ({ErrorMessage(current)}); the action reads it again before it changes anything.",
            };
        }

        if (string.Equals(old["type"]?.ToString(), target, StringComparison.OrdinalIgnoreCase))
        {
            return new WritePlan(null) { Current = old, CurrentValues = ProviderCurrentValues.Read, RecordId = contractor, Note = $"The payment method is already {target}: nothing will be sent." };
        }

        return new WritePlan(UpdateCall(contractor, old["version"]?.ToString() ?? "", target))
        {
            Current = old,
            CurrentValues = ProviderCurrentValues.Read,
            RecordId = contractor,
            Note = "The version is Gusto's guard against overwriting a change made since it was read: should the payment method change first, Gusto refuses this one and the action reads it again.",
        };
    }
}
