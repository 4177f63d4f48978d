using System.Text.Json.Serialization;

namespace Sofia.Nats;

/// <summary>What the server announced in its INFO.</summary>
public sealed record NatsServerInfo
{
    /// <summary>Server id.</summary>
    [JsonPropertyName("server_id")]
    public string ServerId { get; init; } = "";

    /// <summary>Server name.</summary>
    [JsonPropertyName("server_name")]
    public string ServerName { get; init; } = "";

    /// <summary>Server version, e.g. 2.9.10.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary>Protocol version.</summary>
    [JsonPropertyName("proto")]
    public int Protocol { get; init; }

    /// <summary>Whether the server supports headers.</summary>
    [JsonPropertyName("headers")]
    public bool Headers { get; init; }

    /// <summary>Largest payload the server accepts, in bytes.</summary>
    [JsonPropertyName("max_payload")]
    public long MaxPayload { get; init; }

    /// <summary>Whether authentication is required.</summary>
    [JsonPropertyName("auth_required")]
    public bool AuthRequired { get; init; }

    /// <summary>Whether TLS is required.</summary>
    [JsonPropertyName("tls_required")]
    public bool TlsRequired { get; init; }

    /// <summary>Whether JetStream is enabled.</summary>
    [JsonPropertyName("jetstream")]
    public bool JetStream { get; init; }

    /// <summary>Other servers of the cluster, as host:port.</summary>
    [JsonPropertyName("connect_urls")]
    public IReadOnlyList<string>? ConnectUrls { get; init; }

    /// <summary>Whether the server is in lame duck mode (about to shut down).</summary>
    [JsonPropertyName("ldm")]
    public bool LameDuckMode { get; init; }

    /// <summary>This client's id on the server.</summary>
    [JsonPropertyName("client_id")]
    public long ClientId { get; init; }

    /// <summary>The server version parsed; 0.0.0 when it cannot be parsed.</summary>
    [JsonIgnore]
    public Version ParsedVersion =>
        System.Version.TryParse(Version.Split('-', '+')[0], out var v) ? v : new Version(0, 0, 0);
}
