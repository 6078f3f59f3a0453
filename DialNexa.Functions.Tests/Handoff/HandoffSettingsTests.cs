using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Matching;
using DialNexa.Functions.Providers;
using DialNexa.Functions.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialNexa.Functions.Tests.Handoff;

/// <summary>Finding 15 of issue 14: a list set in configuration replaces its default; it is never appended to it.</summary>
public sealed class HandoffSettingsTests
{
    [Fact]
    public async Task Routes_SetForOneWorkflow_ReplaceThatWorkflowsDefault_AndThePlanWritesOnce()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["DialNexa:Handoff:Routes:PaymentMethodChange:0"] = nameof(ProviderActionKind.GustoUpdateContractorPaymentMethod),
            ["DialNexa:Handoff:Routes:Dispute:0"] = nameof(ProviderActionKind.AltovizCreateContact),
        });
        var options = app.Services.GetRequiredService<IOptions<HandoffOptions>>().Value;

        Assert.Equal([ProviderActionKind.GustoUpdateContractorPaymentMethod], options.Routes[HandoffWorkflow.PaymentMethodChange]);
        Assert.Equal([ProviderActionKind.AltovizCreateContact], options.Routes[HandoffWorkflow.Dispute]);
        Assert.Equal([ProviderActionKind.PaystackSendPaymentRequestNotification, ProviderActionKind.PlisioCreateInvoice], options.Routes[HandoffWorkflow.Collections]);

        var plan = HandoffPolicy.Plan(Call(), Facts(HandoffWorkflow.PaymentMethodChange), new CallerMatch(0.95, false, []), options, new HashSet<ProviderName>(), CallLinks.For("http://localhost:7071", "call_routes", false));
        Assert.Single(plan.Actions, a => a.Kind == ProviderActionKind.GustoUpdateContractorPaymentMethod);
    }

    [Fact]
    public async Task Lists_SetInConfiguration_ReplaceTheirDefaults()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string>
        {
            ["DialNexa:Handoff:ApprovalWorkflows:0"] = nameof(HandoffWorkflow.Collections),
            ["DialNexa:Handoff:SensitiveActions:0"] = nameof(ProviderActionKind.PlisioCreateInvoice),
        });
        var options = app.Services.GetRequiredService<IOptions<HandoffOptions>>().Value;

        Assert.Equal([HandoffWorkflow.Collections], options.ApprovalWorkflows);
        Assert.Equal([ProviderActionKind.PlisioCreateInvoice], options.SensitiveActions);
    }

    [Fact]
    public async Task Lists_NotSet_KeepTheirDefaults()
    {
        await using var app = await TestApp.StartAsync();
        var options = app.Services.GetRequiredService<IOptions<HandoffOptions>>().Value;

        Assert.Equal([HandoffWorkflow.Dispute, HandoffWorkflow.RefundRequest, HandoffWorkflow.PaymentMethodChange], options.ApprovalWorkflows);
        Assert.Equal([ProviderActionKind.GustoUpdateContractorPaymentMethod], options.Routes[HandoffWorkflow.PaymentMethodChange]);
        Assert.Equal(5, options.SensitiveActions.Count);
    }

    [Fact]
    public async Task Routes_ListingAnActionTwice_StopTheAppAtStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await TestApp.StartAsync(new Dictionary<string, string>
            {
                ["DialNexa:Handoff:Routes:Collections:0"] = nameof(ProviderActionKind.PlisioCreateInvoice),
                ["DialNexa:Handoff:Routes:Collections:1"] = nameof(ProviderActionKind.PlisioCreateInvoice),
            });
        });
        Assert.Contains("DialNexa__Handoff__Routes__Collections", failure.Message, StringComparison.Ordinal);
    }

    private static RedactedCall Call() => new()
    {
        CallId = "call_routes",
        Status = "completed",
        Summary = "The caller wants to be paid by check from now on.",
    };

    private static CallFacts Facts(HandoffWorkflow workflow) => new() { Workflow = workflow, WorkflowConfidence = 0.9 };
}
