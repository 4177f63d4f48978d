using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>
/// JetStream over a <see cref="NatsConnection"/>: stream and consumer management, publishing with
/// acknowledgement, pull consumers. Cheap to create; thread-safe.
/// </summary>
public sealed partial class NatsJsContext
{
    private readonly string _apiPrefix;

    /// <summary>Creates a JetStream context on <paramref name="connection"/>.</summary>
    public NatsJsContext(NatsConnection connection, NatsJsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Options = options ?? new NatsJsOptions();
        _apiPrefix = Options.Domain is null ? "$JS.API" : $"$JS.{Options.Domain}.API";
    }

    /// <summary>The connection.</summary>
    public NatsConnection Connection { get; }

    /// <summary>The options.</summary>
    public NatsJsOptions Options { get; }

    /// <summary>Whether the connected server is 2.10 or newer (consumer actions, multiple filters, +TERM reasons, 409 Batch Completed).</summary>
    internal bool ServerIs210OrNewer => Connection.ServerInfo?.ParsedVersion >= new Version(2, 10, 0);

    internal async Task<TResponse> ApiRequestAsync<TRequest, TResponse>(
        string api,
        TRequest? request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var payload = request is null ? default : JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var response = await ApiRequestAsync(api, payload, cancellationToken);
        return JsonSerializer.Deserialize(response.Span, responseType)
            ?? throw new NatsProtocolException($"JetStream API {api} returned no JSON object.");
    }

    internal async Task<ReadOnlyMemory<byte>> ApiRequestAsync(string api, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var subject = $"{_apiPrefix}.{api}";
        NatsMsg reply;
        try
        {
            reply = await Connection.RequestAsync(subject, payload, timeout: Options.RequestTimeout, cancellationToken: cancellationToken);
        }
        catch (NatsNoRespondersException)
        {
            throw new NatsJsApiException(503, 0, "JetStream is not available (no responders on the API subject).");
        }

        ThrowIfError(reply.Data.Span);
        return reply.Data;
    }

    internal static void ThrowIfError(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\"error\""u8) < 0)
        {
            return;
        }

        var envelope = JsonSerializer.Deserialize(json, JetStreamJsonContext.Default.ApiErrorEnvelope);
        if (envelope?.Error is { } error)
        {
            throw new NatsJsApiException(error.Code, error.ErrCode, error.Description ?? "");
        }
    }
}
