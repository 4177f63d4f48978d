namespace Sofia.Nats.Internal;

/// <summary>One server of the pool.</summary>
internal sealed record ServerAddress(string Host, int Port, bool Tls, string? User, string? Password)
{
    public override string ToString() => $"{Host}:{Port}";

    /// <summary>Parses <c>nats://user:pass@host:port</c>, <c>tls://host:port</c> or <c>host:port</c>.</summary>
    public static ServerAddress Parse(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var text = url.Contains("://", StringComparison.Ordinal) ? url : "nats://" + url;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{url}' is not a NATS server URL.", nameof(url));
        }

        var tls = uri.Scheme.Equals("tls", StringComparison.OrdinalIgnoreCase);
        string? user = null;
        string? password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port;
        return new ServerAddress(uri.Host, port, tls, user, password);
    }
}
