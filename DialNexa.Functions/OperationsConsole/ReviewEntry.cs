using DialNexa.Functions.Review;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.OperationsConsole;

/// <summary>An open review item as the console shows it: the queue's entry, the call's listed row (customer, amount) and a redacted excerpt.</summary>
public sealed record ReviewEntry(ReviewItem Item, ListedCall? Call, string? Excerpt);
