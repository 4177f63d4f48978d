using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Sofia.Testing.Internal;

/// <summary>Readiness probes of a nats-server: its client port and its monitoring endpoint.</summary>
internal static class NatsProbe
{
    /// <summary>How long one probe may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Whether the client port sends an INFO line.</summary>
    public static Task<bool> AnswersAsync(int port, CancellationToken cancellationToken) => ProbeAsync(
        async token =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, token);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            var info = await reader.ReadLineAsync(token);
            return info is not null && info.StartsWith("INFO ", StringComparison.Ordinal);
        },
        cancellationToken);

    /// <summary>Whether <c>healthz</c> (with <paramref name="query"/>, e.g. <c>?js-enabled-only=true</c>) answers 200.</summary>
    public static Task<bool> IsHealthyAsync(HttpClient http, Uri monitorUrl, string query, CancellationToken cancellationToken) => ProbeAsync(
        async token =>
        {
            using var response = await http.GetAsync(new Uri(monitorUrl, "healthz" + query), token);
            return response.IsSuccessStatusCode;
        },
        cancellationToken);

    /// <summary>The <c>num_routes</c> of <c>routez</c>, or -1 while the endpoint does not answer.</summary>
    public static async Task<int> RouteCountAsync(HttpClient http, Uri monitorUrl, CancellationToken cancellationToken)
    {
        var count = -1;
        await ProbeAsync(
            async token =>
            {
                await using var body = await http.GetStreamAsync(new Uri(monitorUrl, "routez"), token);
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: token);
                count = json.RootElement.GetProperty("num_routes").GetInt32();
                return true;
            },
            cancellationToken);
        return count;
    }

    // A server that is starting, stopping or gone is a "no", not an error; the caller's own cancellation still throws.
    private static async Task<bool> ProbeAsync(Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await probe(timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or HttpRequestException or JsonException or KeyNotFoundException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
