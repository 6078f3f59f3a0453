namespace DialNexa.Functions.HttpEdge;

/// <summary>The self-host's form of <see cref="AdminKeyGate"/>: an endpoint filter on the gated route groups.</summary>
internal sealed class AdminKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return AdminKeyGate.Refusal(context.HttpContext, configuration, trustLoopback: true) ?? await next(context);
    }
}
