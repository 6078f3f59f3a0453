using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DialNexa.Functions.Calls;
using DialNexa.Functions.Handoff;
using DialNexa.Functions.Providers;

namespace DialNexa.Functions.Approvals;

/// <summary>
/// Turns a provider's preview into what the approval page lists: the operation and record in words, and each field of
/// the request with a label, its current value and the value written, formatted for finance (money with its currency,
/// dates, yes/no) and with contact details masked. <see cref="Sent"/> is the masking alone, so a field on the page can
/// be compared with the request the call records.
/// </summary>
internal static class ApprovalWrites
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["Paystack email"] = "Email",
        ["Paystack first_name"] = "First name",
        ["Paystack last_name"] = "Last name",
        ["Paystack phone"] = "Phone",
        ["Paystack metadata"] = "Metadata (DialNexa call and note)",
        ["Paystack customer"] = "Customer",
        ["Paystack amount"] = "Amount",
        ["Paystack currency"] = "Currency",
        ["Paystack description"] = "Description",
        ["Paystack send_notification"] = "Paystack emails the customer",
        ["Paystack due_date"] = "Due date",
        ["Gusto version"] = "Version (Gusto's guard against overwriting a newer change)",
        ["Gusto type"] = "Payment method",
        ["Gusto routing_number"] = "Routing number",
        ["Gusto account_number"] = "Account number",
        ["Gusto account_type"] = "Account type",
        ["Proabono ReferenceCustomer"] = "Customer reference",
        ["Proabono ?ReferenceCustomer"] = "Customer reference",
        ["Proabono Email"] = "Email",
        ["Proabono Name"] = "Name",
        ["Proabono Metadata.DialNexaCall"] = "DialNexa call",
        ["Proabono Metadata.Note"] = "Note",
        ["Proabono TypePayment"] = "Payment type",
        ["Plisio ?order_name"] = "Invoice name",
        ["Plisio ?order_number"] = "Order number",
        ["Plisio ?source_currency"] = "Currency",
        ["Plisio ?source_amount"] = "Amount",
        ["Plisio ?email"] = "Email",
        ["Plisio ?description"] = "Description",
        ["Plisio ?search"] = "Searched for",
        ["Plisio ?type"] = "Kind of record",
        ["Altoviz email"] = "Email",
        ["Altoviz ?email"] = "Email",
        ["Altoviz internalId"] = "Internal ID",
        ["Altoviz firstName"] = "First name",
        ["Altoviz lastName"] = "Last name",
        ["Altoviz phone"] = "Phone",
    };

    public static ApprovalWrite From(ProviderWritePreview preview, ProviderActionRequest request, string? matchedName)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(request);
        return new ApprovalWrite
        {
            Provider = preview.Provider,
            Kind = preview.Kind,
            Mode = preview.Mode,
            Operation = preview.Operation,
            Record = RecordOf(preview, request, matchedName),
            Method = preview.Request?.Method,
            Url = preview.Request?.Url,
            Fields = [.. preview.Fields.Select(f => Field(preview, f))],
            Current = preview.Current,
            Note = preview.Note is null ? null : ApprovalText.MaskEmails(preview.Note),
        };
    }

    /// <summary>A value as sent, masked as the page shows it: phone fields to their last four digits, email addresses anywhere.</summary>
    public static string Sent(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        return IsPhone(path) ? ApprovalMasking.Phone(value) : ApprovalText.MaskEmails(value);
    }

    private static ApprovalField Field(ProviderWritePreview preview, ProviderFieldPreview field)
    {
        var sent = field.Sent ?? "null";
        var current = field.Current is { } now
            ? Display(preview, field.Path, now)
            : preview.Current switch
            {
                ProviderCurrentValues.NewRecord => "none (new record)",
                ProviderCurrentValues.Read => "not set",
                ProviderCurrentValues.ReadFailed => "could not be read",
                _ => "not read",
            };
        return new ApprovalField(field.Path, Label(preview.Provider, field.Path), current, Display(preview, field.Path, sent), Sent(field.Path, sent));
    }

    private static string Label(ProviderName provider, string path)
    {
        if (Labels.TryGetValue($"{provider} {path}", out var label))
        {
            return label;
        }

        // Unknown fields read as words: "order_number" is "Order number", "firstName" is "First name".
        var words = new System.Text.StringBuilder();
        foreach (var c in path.TrimStart('?').Replace('_', ' ').Replace('.', ' '))
        {
            if (char.IsUpper(c) && words.Length > 0 && words[^1] != ' ')
            {
                words.Append(' ');
            }

            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    private static string Display(ProviderWritePreview preview, string path, string value)
    {
        var currency = preview.Fields.FirstOrDefault(f => f.Path is "currency" or "?source_currency")?.Sent;
        if (value.Length > 2 && value[0] == '{' && value[^1] == '}' && !value.Contains('"', StringComparison.Ordinal))
        {
            // A placeholder the action fills in when it runs ("{version from GET payment_method}").
            return "(" + value[1..^1] + ", when sent)";
        }

        switch (preview.Provider, path)
        {
            case (ProviderName.Paystack, "amount") when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var subunits):
                return $"{ApprovalText.Money(subunits / 100m, currency)} (sent as {value}, in {MinorUnit(currency)})";
            case (ProviderName.Plisio, "?source_amount") when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount):
                return ApprovalText.Money(amount, currency);
            case (ProviderName.Paystack, "due_date") when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due):
                return ApprovalText.Date(DateOnly.FromDateTime(due.UtcDateTime));
            case (ProviderName.Paystack, "metadata") when Metadata(value) is { } metadata:
                return ApprovalText.MaskEmails(metadata);
        }

        return value switch
        {
            "true" => "Yes",
            "false" => "No",
            "null" => "empty",
            _ => Sent(path, value),
        };
    }

    /// <summary>Paystack's metadata (a JSON string): "DialNexa call ...; note: ...".</summary>
    private static string? Metadata(string value)
    {
        try
        {
            if (JsonNode.Parse(value) is not JsonObject metadata)
            {
                return null;
            }

            var parts = metadata.Select(p => p.Key switch
            {
                "dialnexa_call" => $"DialNexa call {p.Value}",
                "note" => $"note: {p.Value}",
                _ => $"{p.Key}: {p.Value}",
            });
            return string.Join("; ", parts);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string MinorUnit(string? currency) => currency?.ToUpperInvariant() switch
    {
        "NGN" => "kobo",
        "GHS" => "pesewas",
        null => "hundredths",
        _ => "cents",
    };

    private static bool IsPhone(string path) => path.TrimStart('?') is "phone" or "Phone" or "cellPhone";

    private static string? RecordOf(ProviderWritePreview preview, ProviderActionRequest request, string? matchedName)
    {
        var email = request.Email is null ? null : ApprovalMasking.Email(request.Email);
        var name = matchedName ?? request.CustomerName;
        var who = (name, email) switch
        {
            (not null, not null) => $"{name}, {email}",
            (not null, null) => name,
            (null, not null) => email,
            _ => "the caller",
        };
        var id = preview.RecordId;
        return preview.Kind switch
        {
            ProviderActionKind.PaystackCreateCustomer => id is null ? $"a new customer ({who})" : $"customer {id} ({who})",
            ProviderActionKind.PaystackSendPaymentRequestNotification when id?.StartsWith("PRQ", StringComparison.Ordinal) == true =>
                $"payment request {id}" + (request.InvoiceNumber is { } invoice ? $" for invoice {invoice}" : "") + $" ({who})",
            ProviderActionKind.PaystackSendPaymentRequestNotification => $"a new payment request for {(id is null ? who : $"customer {id} ({who})")}",
            ProviderActionKind.GustoUpdateContractorPaymentMethod => $"contractor {id} ({who})",
            ProviderActionKind.GustoCreateCompanyBankAccount => "the company's funding bank account",
            ProviderActionKind.ProabonoCreateCustomer or ProviderActionKind.ProabonoUpdatePaymentSettings => $"customer {id} ({who})",
            ProviderActionKind.PlisioCreateInvoice => $"invoice {id ?? "for the call"} ({who})",
            ProviderActionKind.PlisioFindInvoiceByEmail or ProviderActionKind.AltovizFindContactByEmail => $"records with {email ?? "the caller's email"}",
            ProviderActionKind.AltovizCreateContact => id is null ? $"a new contact ({who})" : $"contact {id} ({who})",
            _ => null,
        };
    }
}
