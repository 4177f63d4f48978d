using System.Text.Json;

namespace Sofia.PaperOms.Api;

/// <summary>Reads a small JSON object body and answers 400 naming the field that is missing or wrong.</summary>
internal static class JsonBody
{
    public static async Task<(JsonElement Root, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, Bad("body", "must be a JSON object"));
        }
        catch (JsonException)
        {
            return (default, Bad("body", "is not valid JSON"));
        }
    }

    public static IResult Bad(string field, string error) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [error] },
            detail: $"{field} {error}",
            title: $"Invalid value of '{field}'");
}
