using System.Text.Json.Nodes;

namespace DialNexa.Functions.Tests.Providers.Contracts;

/// <summary>
/// Proabono's OpenAPI description rebuilt from its per-operation reference (shared/specs/proabono/*.json, which was
/// generated from that description): each operation's parameters, request body and responses under the path and method
/// of Proabono's API reference, with HTTP Basic security. Prism serves it like the other specs, so Proabono's requests
/// are validated the same way; its own examples' response mismatches are not ours and are not counted.
/// </summary>
internal static class ProabonoOpenApi
{
    private static readonly (string Path, string Method, string Operation)[] Operations =
    [
        ("/v1/Customer", "get", "retrieve-a-customer"),
        ("/v1/Customer", "post", "create-or-update-a-customer"),
        ("/v1/Customers", "get", "list-customers"),
        ("/v1/CustomerSettingsPayment", "get", "retrieve-the-payment-settings-of-a-customer"),
        ("/v1/CustomerSettingsPayment", "post", "update-the-payment-settings-of-a-customer"),
    ];

    /// <summary>Writes the description into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory)
    {
        var paths = new JsonObject();
        foreach (var (path, method, operation) in Operations)
        {
            var entry = new JsonObject { ["operationId"] = operation };
            if (Read(operation, "ParamsDetails")?["parameters"] is JsonArray parameters)
            {
                entry["parameters"] = parameters.DeepClone();
            }

            if (Read(operation, "RequestSchema")?["body"] is JsonObject body)
            {
                entry["requestBody"] = body.DeepClone();
            }

            entry["responses"] = Read(operation, "StatusCodes")!["responses"]!.DeepClone();
            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = [];
            }

            item[method] = entry;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "ProAbono API Live (rebuilt from its per-operation reference)", ["version"] = "1" },
            ["components"] = new JsonObject { ["securitySchemes"] = new JsonObject { ["basic"] = new JsonObject { ["type"] = "http", ["scheme"] = "basic" } } },
            ["security"] = new JsonArray(new JsonObject { ["basic"] = new JsonArray() }),
            ["paths"] = paths,
        };
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "proabono.openapi.json");
        File.WriteAllText(file, document.ToJsonString());
        return file;
    }

    private static JsonNode? Read(string operation, string part)
    {
        var file = Path.Combine(PrismFixture.SpecsDirectory, "proabono", $"{operation}.{part}.json");
        return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) : null;
    }
}
