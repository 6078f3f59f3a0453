using System.Text.Json;
using DialNexa.Functions.Json;

namespace DialNexa.Functions.Review;

/// <summary>
/// The body of a reviewer's POST (resolving an item, re-running an action): JSON only, because a page elsewhere can
/// post a form to a loopback app but not JSON without a preflight this app refuses; at most 16 KB; naming who acts
/// and an optional note.
/// </summary>
internal static class ReviewerRequest
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 2000;

    /// <summary>Who acts and the note, as sent (trimmed); or the problem to answer.</summary>
    /// <param name="whoField">The JSON name of who acts (<c>resolvedBy</c>, <c>rerunBy</c>).</param>
    /// <param name="whoMissing">The problem's title when it is missing (<c>Say who resolved it.</c>).</param>
    public static async Task<(string Who, string? Note, IResult? Problem)> ReadAsync<TBody>(
        HttpRequest request,
        string whoField,
        string whoMissing,
        Func<TBody, string?> who,
        Func<TBody, string?> note,
        CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", $"POST {{\"{whoField}\": \"...\", \"note\": \"...\"}} with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body is {request.ContentLength} bytes; the limit is {MaxBodyBytes}.");
        }

        TBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TBody>(request.Body, AppJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Refused(StatusCodes.Status400BadRequest, "The body is not valid JSON.", ex.Message);
        }

        var name = body is null ? null : who(body)?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Refused(StatusCodes.Status400BadRequest, whoMissing, $"\"{whoField}\" is required: the reviewer's name or email, at most {MaxNameLength} characters.");
        }

        var text = note(body!);
        if (text is { Length: > MaxNoteLength })
        {
            return Refused(StatusCodes.Status400BadRequest, "The note is too long.", $"\"note\" is {text.Length} characters; the limit is {MaxNoteLength}.");
        }

        return (name, text, null);
    }

    public static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static (string, string?, IResult?) Refused(int status, string title, string detail) => ("", null, Problem(status, title, detail));
}
