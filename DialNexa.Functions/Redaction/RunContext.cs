namespace DialNexa.Functions.Redaction;

/// <summary>
/// The words around a number run, as context tags: <see cref="Near"/> within 4 words either side, <see cref="Wide"/>
/// within 12 words before and 4 after, and <see cref="Nearest"/> the closest phrase of context words ("routing number",
/// "social security", "PIN"), before the run or else just after it, which names the number when several kinds were
/// talked about in one breath.
/// </summary>
internal readonly record struct RunContext(ContextTag Near, ContextTag Wide, ContextTag Nearest);
