using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Sofia.Exchanges.Internal;

/// <summary>
/// A read-only open-addressing table from an exchange symbol's UTF-8 bytes to a canonical string, so
/// the hot path looks symbols up straight from the frame without creating a string.
/// </summary>
internal sealed class Utf8SymbolTable
{
    private readonly byte[]?[] _keys;
    private readonly string?[] _values;
    private readonly int _mask;

    public Utf8SymbolTable(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var list = entries.ToList();
        var capacity = 8;
        while (capacity < list.Count * 4)
        {
            capacity *= 2;
        }

        _keys = new byte[]?[capacity];
        _values = new string?[capacity];
        _mask = capacity - 1;
        foreach (var (key, value) in list)
        {
            Add(Encoding.UTF8.GetBytes(key), value);
        }
    }

    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out string? value)
    {
        for (var slot = Hash(key) & _mask; ; slot = (slot + 1) & _mask)
        {
            var candidate = _keys[slot];
            if (candidate is null)
            {
                value = null;
                return false;
            }

            if (key.SequenceEqual(candidate))
            {
                value = _values[slot]!;
                return true;
            }
        }
    }

    private void Add(byte[] key, string value)
    {
        for (var slot = Hash(key) & _mask; ; slot = (slot + 1) & _mask)
        {
            var candidate = _keys[slot];
            if (candidate is null)
            {
                _keys[slot] = key;
                _values[slot] = value;
                return;
            }

            if (key.AsSpan().SequenceEqual(candidate))
            {
                // The same spelling twice (e.g. already upper-case) is harmless if it maps to the same market.
                if (_values[slot] != value)
                {
                    throw new ArgumentException($"Exchange symbol '{Encoding.UTF8.GetString(key)}' maps to both {_values[slot]} and {value}.");
                }

                return;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        // FNV-1a: symbols are short, so a simple byte loop beats anything clever.
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
