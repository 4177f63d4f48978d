using System.Text;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>The simulated symbols and each exchange's spelling of them: <c>BTC-USDT</c> (OKX, Coinbase), <c>BTCUSDT</c> (Bybit, Binance payloads), <c>btcusdt</c> (Binance stream names).</summary>
internal sealed class SymbolTable
{
    private readonly Dictionary<string, int> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _compact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lower = new(StringComparer.Ordinal);

    public SymbolTable(IReadOnlyList<SymbolSpec> specs)
    {
        Canonical = [.. specs.Select(s => s.Symbol)];
        Compact = [.. Canonical.Select(s => s.Replace("-", string.Empty, StringComparison.Ordinal))];
        Lower = [.. Compact.Select(s => s.ToLowerInvariant())];
        CanonicalUtf8 = [.. Canonical.Select(Encoding.ASCII.GetBytes)];
        CompactUtf8 = [.. Compact.Select(Encoding.ASCII.GetBytes)];
        LowerUtf8 = [.. Lower.Select(Encoding.ASCII.GetBytes)];
        for (var i = 0; i < Canonical.Length; i++)
        {
            _canonical[Canonical[i]] = i;
            _compact[Compact[i]] = i;
            _lower[Lower[i]] = i;
        }
    }

    public int Count => Canonical.Length;

    public string[] Canonical { get; }

    public string[] Compact { get; }

    public string[] Lower { get; }

    public byte[][] CanonicalUtf8 { get; }

    public byte[][] CompactUtf8 { get; }

    public byte[][] LowerUtf8 { get; }

    public bool TryCanonical(string? name, out int index) => _canonical.TryGetValue(name ?? string.Empty, out index);

    public bool TryCompact(string? name, out int index) => _compact.TryGetValue(name ?? string.Empty, out index);

    public bool TryLower(string? name, out int index) => _lower.TryGetValue(name ?? string.Empty, out index);
}
