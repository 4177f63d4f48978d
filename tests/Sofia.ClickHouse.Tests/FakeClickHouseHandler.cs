using System.Collections.Concurrent;
using System.Net;

namespace Sofia.ClickHouse.Tests;

/// <summary>Answers the client's requests in memory and records them, body included.</summary>
internal sealed class FakeClickHouseHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static HttpResponseMessage Respond(HttpStatusCode status, byte[] body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ContentEncoding.ToList() ?? [],
            body);
        Requests.Enqueue(recorded);
        return await respond(recorded, cancellationToken);
    }
}

/// <summary>One request as the server would see it.</summary>
internal sealed record RecordedRequest(Uri Uri, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> ContentEncoding, byte[] Body)
{
    public string Parameter(string name) =>
        System.Web.HttpUtility.ParseQueryString(Uri.Query)[name] ?? throw new KeyNotFoundException($"No URL parameter {name} in {Uri}");

    public bool HasParameter(string name) => System.Web.HttpUtility.ParseQueryString(Uri.Query)[name] is not null;

    public string Sql => System.Text.Encoding.UTF8.GetString(Body);
}
