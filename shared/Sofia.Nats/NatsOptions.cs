using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Sofia.Nats;

/// <summary>How a <see cref="NatsConnection"/> connects, keeps alive, reconnects and buffers.</summary>
public sealed record NatsOptions
{
    /// <summary>Server URLs (<c>nats://host:port</c>, <c>tls://host:port</c> or <c>host:port</c>); user and password may be in the URL.</summary>
    public IReadOnlyList<string> Servers { get; init; } = ["nats://127.0.0.1:4222"];

    /// <summary>Client name shown by the server's monitoring.</summary>
    public string Name { get; init; } = "sofia";

    /// <summary>User for user/password authentication.</summary>
    public string? User { get; init; }

    /// <summary>Password for user/password authentication.</summary>
    public string? Password { get; init; }

    /// <summary>Token for token authentication.</summary>
    public string? Token { get; init; }

    /// <summary>Use TLS even when the server does not require it. TLS is always used when the server requires it.</summary>
    public bool TlsRequired { get; init; }

    /// <summary>Validates the server certificate; null uses the system's validation.</summary>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; init; }

    /// <summary>Client certificates for mutual TLS.</summary>
    public X509CertificateCollection? TlsClientCertificates { get; init; }

    /// <summary>Time allowed for one connection attempt, TLS and handshake included.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval between keep-alive PINGs.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>PINGs left without PONG before the connection counts as stale and is re-established.</summary>
    public int MaxPingsOutstanding { get; init; } = 2;

    /// <summary>Default request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnect attempts after a connection loss before the connection closes; negative for no limit.</summary>
    public int MaxReconnectAttempts { get; init; } = -1;

    /// <summary>Base delay between reconnect attempts (exponential with jitter).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes of publishes kept while disconnected; a publish beyond this throws <see cref="NatsReconnectBufferFullException"/>.</summary>
    public long ReconnectBufferBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Bytes waiting for the socket above which publishers wait (back-pressure while connected).</summary>
    public int WriteBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Default capacity of a subscription's message buffer.</summary>
    public int SubscriptionCapacity { get; init; } = 16 * 1024;

    /// <summary>Default policy when a subscription's buffer is full.</summary>
    public NatsSlowConsumerPolicy SlowConsumerPolicy { get; init; } = NatsSlowConsumerPolicy.Wait;

    /// <summary>Prefix of reply subjects.</summary>
    public string InboxPrefix { get; init; } = "_INBOX";

    /// <summary>Whether the server sends this connection's own publishes back to its matching subscriptions.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>Keep the server order instead of shuffling it.</summary>
    public bool NoRandomize { get; init; }

    /// <summary>Where logs go; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Clock for timeouts, keep-alive and backoff.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
