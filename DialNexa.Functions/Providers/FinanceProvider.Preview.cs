using DialNexa.Functions.Providers.Configuration;
using DialNexa.Functions.Providers.Http;

namespace DialNexa.Functions.Providers;

/// <summary>
/// Previews for finance approval: the request an action will send, worked out before it is approved. Dry run shows the
/// request dry run records. Live runs the reads the action makes before it writes (with the provider's credentials;
/// never a write) and shows the request those reads lead to, with the current values beside the new ones.
/// </summary>
public abstract partial class FinanceProvider
{
    public async Task<ProviderWritePreview> PreviewAsync(ProviderActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preview = new ProviderWritePreview { Provider = Name, Kind = request.Kind, Mode = Mode, Operation = ProviderActionWords.Of(request.Kind) };
        if (!SupportedActions.Contains(request.Kind))
        {
            return preview with { Note = $"{Name} does not carry out this action: nothing will be sent." };
        }

        if (Validate(request) is { } problem)
        {
            return preview with { Note = $"Nothing will be sent: {problem}" };
        }

        var missing = Options.MissingSetting();
        if (Mode == ProviderMode.Live && missing is not null)
        {
            return preview with { Note = $"Nothing will be sent: {Name} is set to Live but {missing} is not set." };
        }

        var reader = missing is null ? await TransportAsync(cancellationToken) : null;
        WritePlan plan;
        try
        {
            plan = await PlanWriteAsync(request, reader, cancellationToken);
        }
        catch (ProviderUnavailableException ex)
        {
            plan = new WritePlan(PlannedWrite(request))
            {
                CurrentValues = ProviderCurrentValues.ReadFailed,
                Note = $"{Name} could not be read just now ({ex.Message}); the request shown is the one planned before reading, and the action reads again when it runs.",
            };
        }

        // Dry run records the planned write whatever the reads found; live sends what the reads lead to.
        var call = Mode == ProviderMode.DryRun ? PlannedWrite(request) : plan.Call;
        var rendered = call is null ? null : (Mode == ProviderMode.DryRun || reader is null ? DryRunTransport() : reader).Render(call);
        var note = Mode == ProviderMode.DryRun && plan.Call is null && plan.Note is not null ? "Live, nothing would be sent: " + plan.Note : plan.Note;
        return preview with
        {
            Operation = plan.Operation ?? preview.Operation,
            Request = rendered,
            Fields = rendered is null ? [] : [.. RenderedRequestFields.Of(rendered).Select(f => new ProviderFieldPreview(f.Path, RenderedRequestFields.ValueAt(plan.Current, f.Path), f.Value))],
            RecordId = plan.RecordId ?? request.ProviderCustomerId,
            Current = plan.CurrentValues,
            Note = note,
        };
    }

    /// <summary>
    /// Works out, with reads only, the request the action's live run would send. <paramref name="reader"/> is null when
    /// the provider has no credentials here (dry run): then nothing can be read and the planned write stands.
    /// </summary>
    protected virtual Task<WritePlan> PlanWriteAsync(ProviderActionRequest request, ProviderTransport? reader, CancellationToken cancellationToken) =>
        Task.FromResult(new WritePlan(PlannedWrite(request)));
}
