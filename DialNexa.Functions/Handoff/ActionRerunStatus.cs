using DialNexa.Functions.Handoff.Messages;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Handoff;

/// <summary>A re-run as its instance reports it (custom status while it runs, output once done): who asked, the action's result so far, and the notice to Slack.</summary>
public sealed record ActionRerunStatus(ActionRerun Rerun, ProviderActionResult? Result, IReadOnlyList<MessageDelivery> Messages);
