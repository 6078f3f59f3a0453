namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Plisio publishes no machine-readable spec; these are its documented query parameters, from
/// https://plisio.net/documentation/endpoints/create-an-invoice and .../endpoints/transactions, and the official C# SDK
/// (Plisio/csharp-sdk docs/InvoiceApi.md, docs/TransactionApi.md), as summarised in reference/providers.md §3.
/// Every endpoint is a GET with the secret key as api_key in the query string.
/// </summary>
internal static class PlisioDocumentation
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Endpoints = new(StringComparer.Ordinal)
    {
        ["/api/v1/invoices/new"] = (
            ["api_key", "order_name", "order_number"],
            ["currency", "amount", "source_currency", "source_amount", "allowed_psys_cids", "description", "callback_url", "success_callback_url",
             "fail_callback_url", "email", "language", "plugin", "version", "redirect_to_invoice", "expire_min"]),
        ["/api/v1/operations"] = (["api_key"], ["page", "limit", "shop_id", "type", "status", "currency", "search"]),
    };

    private static readonly string[] OperationTypes = ["cash_in", "cash_out", "mass_cash_out", "invoice"];

    /// <summary>What is wrong with a request (empty when it is as documented).</summary>
    public static IReadOnlyList<string> Check(string method, string pathAndQuery)
    {
        var uri = new Uri(new Uri("http://plisio.invalid"), pathAndQuery);
        if (method != "GET")
        {
            return [$"Plisio's endpoints are GETs; {method} {uri.AbsolutePath} was sent."];
        }

        if (!Endpoints.TryGetValue(uri.AbsolutePath, out var endpoint))
        {
            return [$"{uri.AbsolutePath} is not a documented Plisio endpoint."];
        }

        var problems = new List<string>();
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var names = query.AllKeys.OfType<string>().ToList();
        problems.AddRange(names.Where(n => !endpoint.Required.Contains(n) && !endpoint.Optional.Contains(n)).Select(n => $"{uri.AbsolutePath}: query parameter '{n}' is not documented."));
        problems.AddRange(endpoint.Required.Where(r => string.IsNullOrEmpty(query[r])).Select(r => $"{uri.AbsolutePath}: required query parameter '{r}' is missing."));
        if (query["type"] is { } type && !OperationTypes.Contains(type))
        {
            problems.Add($"type '{type}' is not one of {string.Join(", ", OperationTypes)}.");
        }

        if (uri.AbsolutePath.EndsWith("/invoices/new", StringComparison.Ordinal))
        {
            // A price is either a crypto amount, or a fiat source_currency with its source_amount.
            var fiat = names.Contains("source_currency") && names.Contains("source_amount");
            if (fiat == names.Contains("amount") || names.Contains("source_currency") != names.Contains("source_amount"))
            {
                problems.Add("An invoice needs either amount, or source_currency with source_amount.");
            }

            if (query["source_amount"] is { } amount && !decimal.TryParse(amount, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"source_amount '{amount}' is not a decimal number.");
            }
        }

        return problems;
    }
}
