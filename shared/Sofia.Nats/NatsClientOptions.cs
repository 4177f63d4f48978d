using System.ComponentModel.DataAnnotations;

namespace Sofia.Nats;

/// <summary>
/// A service's bus settings, bound from the <c>Nats</c> configuration section (<c>SOFIA_NATS__URL</c>, ...) and
/// validated at start; every service reads the same keys.
/// </summary>
public sealed record NatsClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Nats";

    /// <summary>One or more server URLs, comma-separated.</summary>
    [Required(ErrorMessage = "is required, e.g. nats://127.0.0.1:4222")]
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>The client name the server shows.</summary>
    public string Name { get; init; } = "sofia";

    /// <summary>Bytes of publishes the connection keeps while it reconnects, before publishing fails.</summary>
    [Range(1024, 1L << 32, ErrorMessage = "must be between 1 KiB and 4 GiB")]
    public long ReconnectBufferBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Bytes the connection's writer batches before a flush; bursts of small ticks need more than the 1 MiB default.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024, ErrorMessage = "must be between 64 KiB and 256 MiB")]
    public int WriteBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long a publish ack may take before the message is sent again.</summary>
    [Range(0.1, 120, ErrorMessage = "must be between 0.1 and 120 seconds")]
    public double AckTimeoutSeconds { get; init; } = 5;

    /// <summary>The server URLs of <see cref="Url"/>.</summary>
    public IReadOnlyList<string> Servers =>
        Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
