using System.Buffers;
using System.Text;

namespace Sofia.Nats;

/// <summary>
/// NATS message headers: an ordered list of key/value pairs where a key may repeat, plus the
/// optional status line (<c>NATS/1.0 503</c>) the server uses for control messages.
/// Lookups ignore case; keys are sent as written.
/// </summary>
public sealed class NatsHeaders
{
    private static ReadOnlySpan<byte> Version => "NATS/1.0"u8;

    private readonly List<KeyValuePair<string, string>> _entries = [];

    /// <summary>Creates empty headers.</summary>
    public NatsHeaders()
    {
    }

    /// <summary>The status code of a control message (100, 404, 408, 409, 503, …); 0 when there is none.</summary>
    public int StatusCode { get; private set; }

    /// <summary>The text after the status code, e.g. <c>Idle Heartbeat</c>; empty when there is none.</summary>
    public string StatusDescription { get; private set; } = "";

    /// <summary>Number of key/value pairs.</summary>
    public int Count => _entries.Count;

    /// <summary>Every pair in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => TryGetValue(key, out var value) ? value : null;

    /// <summary>Adds a pair; an existing key keeps its values (keys may repeat).</summary>
    public NatsHeaders Add(string key, string value)
    {
        ValidateKey(key);
        ValidateValue(value);
        _entries.Add(new(key, value));
        return this;
    }

    /// <summary>Replaces every value of <paramref name="key"/> with one value.</summary>
    public NatsHeaders Set(string key, string value)
    {
        Remove(key);
        return Add(key, value);
    }

    /// <summary>Removes every value of <paramref name="key"/>; returns whether any was there.</summary>
    public bool Remove(string key) =>
        _entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)) > 0;

    /// <summary>The first value of <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out string value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }

        value = "";
        return false;
    }

    /// <summary>Every value of <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> GetValues(string key)
    {
        var values = new List<string>();
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(entry.Value);
            }
        }

        return values;
    }

    /// <summary>Bytes of the serialized block, including the version line and the blank line that ends it.</summary>
    internal int GetSerializedLength()
    {
        var length = Version.Length + 2 + 2;
        foreach (var entry in _entries)
        {
            length += Encoding.UTF8.GetByteCount(entry.Key) + 2 + Encoding.UTF8.GetByteCount(entry.Value) + 2;
        }

        return length;
    }

    /// <summary>Writes <c>NATS/1.0\r\nKey: Value\r\n…\r\n</c>; returns the bytes written.</summary>
    internal int WriteTo(Span<byte> destination)
    {
        Version.CopyTo(destination);
        var written = Version.Length;
        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        foreach (var entry in _entries)
        {
            written += Encoding.UTF8.GetBytes(entry.Key, destination[written..]);
            destination[written++] = (byte)':';
            destination[written++] = (byte)' ';
            written += Encoding.UTF8.GetBytes(entry.Value, destination[written..]);
            destination[written++] = (byte)'\r';
            destination[written++] = (byte)'\n';
        }

        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        return written;
    }

    /// <summary>Parses a header block as sent in HMSG.</summary>
    internal static NatsHeaders Parse(in ReadOnlySequence<byte> block)
    {
        if (block.IsSingleSegment)
        {
            return Parse(block.FirstSpan);
        }

        var length = (int)block.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            block.CopyTo(rented);
            return Parse(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static NatsHeaders Parse(ReadOnlySpan<byte> block)
    {
        var headers = new NatsHeaders();
        var lineEnd = block.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? block : block[..lineEnd];
        if (!statusLine.StartsWith(Version))
        {
            throw new NatsProtocolException("Header block does not start with NATS/1.0.");
        }

        headers.ParseStatus(statusLine[Version.Length..]);
        var rest = lineEnd < 0 ? [] : block[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new NatsProtocolException("Header line has no key.");
            }

            var key = Encoding.UTF8.GetString(line[..colon].Trim((byte)' '));
            var value = Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t"u8));
            headers._entries.Add(new(key, value));
        }

        return headers;
    }

    private void ParseStatus(ReadOnlySpan<byte> afterVersion)
    {
        afterVersion = afterVersion.Trim(" \t"u8);
        if (afterVersion.IsEmpty)
        {
            return;
        }

        var space = afterVersion.IndexOf((byte)' ');
        var code = space < 0 ? afterVersion : afterVersion[..space];
        if (!System.Buffers.Text.Utf8Parser.TryParse(code, out int status, out var consumed) || consumed != code.Length)
        {
            throw new NatsProtocolException("Header status line has no numeric status.");
        }

        StatusCode = status;
        StatusDescription = space < 0 ? "" : Encoding.UTF8.GetString(afterVersion[(space + 1)..].Trim(" \t"u8));
    }

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            if (c <= ' ' || c == ':' || c > '~')
            {
                throw new ArgumentException($"Header key '{key}' must be printable ASCII without ':' or spaces.", nameof(key));
            }
        }
    }

    private static void ValidateValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("Header values must not contain CR or LF.", nameof(value));
        }
    }
}
