using System.Text;
using System.Text.Json;
using Sofia.Messaging.Internal;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging.NatsBus;

/// <summary>
/// Reads one stored message by sequence (<c>STREAM.MSG.GET</c>). Replays of work-queue streams use it, because such a
/// stream admits no second consumer beside its workers and no consumer without acks.
/// </summary>
internal static class NatsMessageGetter
{
    private const int NoMessageFound = 10037;

    /// <summary>The message at <paramref name="sequence"/>, or null when there is none (removed, or never stored).</summary>
    public static async Task<StoredBusMessage?> GetAsync(NatsJsContext js, string stream, ulong sequence, CancellationToken cancellationToken)
    {
        var request = Encoding.ASCII.GetBytes($"{{\"seq\":{sequence}}}");
        var reply = await js.Connection.RequestAsync($"$JS.API.STREAM.MSG.GET.{stream}", request, timeout: js.Options.RequestTimeout, cancellationToken: cancellationToken);
        using var json = JsonDocument.Parse(reply.Data);
        var root = json.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            var code = error.TryGetProperty("code", out var c) ? c.GetInt32() : 0;
            var errorCode = error.TryGetProperty("err_code", out var e) ? e.GetInt32() : 0;
            if (errorCode == NoMessageFound)
            {
                return null;
            }

            throw new NatsJsApiException(code, errorCode, error.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "");
        }

        var message = root.GetProperty("message");
        var data = message.TryGetProperty("data", out var payload) ? payload.GetBytesFromBase64() : [];
        var headers = message.TryGetProperty("hdrs", out var raw) ? ParseHeaders(raw.GetBytesFromBase64()) : [];
        return new StoredBusMessage(
            message.GetProperty("subject").GetString() ?? "",
            data,
            headers,
            message.GetProperty("seq").GetUInt64(),
            message.TryGetProperty("time", out var time) ? time.GetDateTimeOffset() : default);
    }

    /// <summary>Parses <c>NATS/1.0\r\nKey: Value\r\n…\r\n\r\n</c>.</summary>
    private static List<KeyValuePair<string, string>> ParseHeaders(byte[] block)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var lines = Encoding.UTF8.GetString(block).Split("\r\n");
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }
        }

        return headers;
    }
}
