using System.Text.RegularExpressions;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>Phrases that point to a workflow, how strongly, and whether "not", "rather than" or "no" before them turns them around.</summary>
internal sealed record WorkflowCue(HandoffWorkflow Workflow, double Weight, Regex Pattern, bool Negatable);
