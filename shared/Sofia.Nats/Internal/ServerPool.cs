namespace Sofia.Nats.Internal;

/// <summary>The configured servers plus those the cluster announces, tried in rotation.</summary>
internal sealed class ServerPool
{
    private readonly Lock _gate = new();
    private readonly List<ServerAddress> _servers = [];
    private int _next;

    public ServerPool(IEnumerable<string> urls, bool randomize)
    {
        foreach (var url in urls)
        {
            Add(ServerAddress.Parse(url));
        }

        if (_servers.Count == 0)
        {
            throw new ArgumentException("At least one server URL is required.", nameof(urls));
        }

        if (randomize)
        {
            var shuffled = _servers.ToArray();
            Random.Shared.Shuffle(shuffled);
            _servers.Clear();
            _servers.AddRange(shuffled);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _servers.Count;
            }
        }
    }

    /// <summary>Every server in the pool, as host:port, in rotation order.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return _servers.ConvertAll(server => server.ToString());
        }
    }

    public ServerAddress Next()
    {
        lock (_gate)
        {
            var server = _servers[_next % _servers.Count];
            _next = (_next + 1) % _servers.Count;
            return server;
        }
    }

    /// <summary>Adds servers from INFO connect_urls (host:port); credentials and TLS follow the first configured server.</summary>
    public void AddDiscovered(IEnumerable<string> hostPorts)
    {
        lock (_gate)
        {
            var template = _servers[0];
            foreach (var hostPort in hostPorts)
            {
                var parsed = ServerAddress.Parse(hostPort);
                Add(parsed with { Tls = template.Tls, User = template.User, Password = template.Password });
            }
        }
    }

    private void Add(ServerAddress server)
    {
        foreach (var existing in _servers)
        {
            if (string.Equals(existing.Host, server.Host, StringComparison.OrdinalIgnoreCase) && existing.Port == server.Port)
            {
                return;
            }
        }

        _servers.Add(server);
    }
}
