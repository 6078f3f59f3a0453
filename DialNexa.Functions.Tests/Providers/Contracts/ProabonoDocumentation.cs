using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Proabono's per-operation reference (Specs/proabono/*.{ParamsDetails,RequestSchema}.json, generated from its OpenAPI
/// 3.0.3 description), used to check a request: every query parameter and body field documented, every required one
/// present, types and enums as documented, Metadata within its documented limits (5 pairs, 450 characters a value).
/// The per-operation files carry no paths; the paths are those of Proabono's API reference (reference/providers.md §4).
/// </summary>
internal static class ProabonoDocumentation
{
    private static readonly Dictionary<(string Method, string Path), string> Operations = new()
    {
        [("POST", "/v1/Customer")] = "create-or-update-a-customer",
        [("GET", "/v1/Customer")] = "retrieve-a-customer",
        [("GET", "/v1/Customers")] = "list-customers",
        [("GET", "/v1/CustomerSettingsPayment")] = "retrieve-the-payment-settings-of-a-customer",
        [("POST", "/v1/CustomerSettingsPayment")] = "update-the-payment-settings-of-a-customer",
    };

    /// <summary>What is wrong with a request (empty when it is as documented).</summary>
    public static IReadOnlyList<string> Check(string method, string pathAndQuery, string? body)
    {
        var problems = new List<string>();
        var uri = new Uri(new Uri("http://proabono.invalid"), pathAndQuery);
        if (!Operations.TryGetValue((method, uri.AbsolutePath), out var operation))
        {
            return [$"{method} {uri.AbsolutePath} is not a documented Proabono operation."];
        }

        // An operation without a ParamsDetails file takes no parameters.
        var parameters = File.Exists(FilePath(operation, "ParamsDetails"))
            ? JsonNode.Parse(File.ReadAllText(FilePath(operation, "ParamsDetails")))!["parameters"]!.AsArray().OfType<JsonObject>().ToList()
            : [];
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        foreach (var name in query.AllKeys.OfType<string>())
        {
            if (!parameters.Any(p => p["name"]!.GetValue<string>() == name && p["in"]!.GetValue<string>() == "query"))
            {
                problems.Add($"{operation}: query parameter '{name}' is not documented.");
            }
        }

        foreach (var required in parameters.Where(p => p["required"]?.GetValue<bool>() == true))
        {
            if (string.IsNullOrEmpty(query[required["name"]!.GetValue<string>()]))
            {
                problems.Add($"{operation}: required query parameter '{required["name"]}' is missing.");
            }
        }

        var schema = JsonNode.Parse(File.ReadAllText(FilePath(operation, "RequestSchema")))!["body"]?["content"]?["application/json"]?["schema"] as JsonObject;
        if (schema is null)
        {
            if (!string.IsNullOrEmpty(body))
            {
                problems.Add($"{operation}: takes no body, but one was sent.");
            }

            return problems;
        }

        if (string.IsNullOrEmpty(body) || JsonNode.Parse(body) is not JsonObject sent)
        {
            problems.Add($"{operation}: a JSON object body is required.");
            return problems;
        }

        var properties = schema["properties"]!.AsObject();
        foreach (var (name, value) in sent)
        {
            if (properties[name] is not JsonObject property)
            {
                problems.Add($"{operation}: body field '{name}' is not documented.");
                continue;
            }

            problems.AddRange(CheckValue(operation, name, property, value));
        }

        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            if (!sent.ContainsKey(required))
            {
                problems.Add($"{operation}: required body field '{required}' is missing.");
            }
        }

        return problems;
    }

    private static IEnumerable<string> CheckValue(string operation, string name, JsonObject property, JsonNode? value)
    {
        var type = property["type"]?.GetValue<string>();
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var matches = type switch
        {
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number,
            "object" => kind == JsonValueKind.Object,
            _ => true,
        };
        if (!matches)
        {
            yield return $"{operation}: body field '{name}' should be {type}, was {kind}.";
            yield break;
        }

        if (property["enum"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == value!.GetValue<string>()))
        {
            yield return $"{operation}: body field '{name}' is '{value}', not one of {string.Join(", ", allowed)}.";
        }

        if (property["format"]?.GetValue<string>() == "date-time" && !DateTimeOffset.TryParse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            yield return $"{operation}: body field '{name}' is not an ISO 8601 date-time.";
        }

        if (type == "object" && value is JsonObject map)
        {
            // Metadata: "Custom key-value pairs (max 5 pairs, 450 chars per value)", values strings.
            if (map.Count > 5)
            {
                yield return $"{operation}: '{name}' has {map.Count} pairs; at most 5 are allowed.";
            }

            foreach (var (key, entry) in map)
            {
                if (entry?.GetValueKind() != JsonValueKind.String)
                {
                    yield return $"{operation}: '{name}.{key}' must be a string.";
                }
                else if (entry.GetValue<string>().Length > 450)
                {
                    yield return $"{operation}: '{name}.{key}' is {entry.GetValue<string>().Length} characters; at most 450 are allowed.";
                }
            }
        }
    }

    private static string FilePath(string operation, string part) => Path.Combine(PrismFixture.SpecsDirectory, "proabono", $"{operation}.{part}.json");
}
