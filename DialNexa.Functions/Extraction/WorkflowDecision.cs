using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;

namespace DialNexa.Functions.Extraction;

/// <summary>The workflow a call was filed under, how sure the classifier is, and the phrases that decided it.</summary>
internal sealed record WorkflowDecision(HandoffWorkflow Workflow, double Confidence, string Evidence);
