using System.Diagnostics.CodeAnalysis;
using Sofia.Contracts;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges;

/// <summary>
/// The markets one exchange connection carries: canonical <c>BASE-QUOTE</c> names and the exchange's own
/// spelling of each (<c>BTC-USDT</c> is <c>BTCUSDT</c> on Binance and Bybit, <c>BTC-USDT</c> on OKX;
/// <c>BTC-USD</c> is <c>BTC-USD</c> on Coinbase). Built once; lookups from UTF-8 bytes do not allocate.
/// </summary>
public sealed class SymbolMap
{
    private readonly Dictionary<string, string> _toExchange = new(StringComparer.Ordinal);
    private readonly Utf8SymbolTable _fromExchange;

    /// <summary>Creates a map from explicit pairs of canonical symbol and exchange symbol (the configurable form).</summary>
    /// <exception cref="ArgumentException">A canonical name is not canonical, or a name appears twice with different partners.</exception>
    public SymbolMap(string exchange, IEnumerable<KeyValuePair<string, string>> canonicalToExchange)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exchange);
        ArgumentNullException.ThrowIfNull(canonicalToExchange);
        Exchange = exchange;
        var reverse = new List<KeyValuePair<string, string>>();
        foreach (var (canonical, exchangeSymbol) in canonicalToExchange)
        {
            if (!Symbols.TryCanonicalize(canonical, out var normalized, out var error) || normalized != canonical)
            {
                throw new ArgumentException($"'{canonical}' is not a canonical BASE-QUOTE symbol. {error}", nameof(canonicalToExchange));
            }

            ArgumentException.ThrowIfNullOrWhiteSpace(exchangeSymbol, nameof(canonicalToExchange));
            if (!_toExchange.TryAdd(canonical, exchangeSymbol) && _toExchange[canonical] != exchangeSymbol)
            {
                throw new ArgumentException($"'{canonical}' maps to both {_toExchange[canonical]} and {exchangeSymbol}.", nameof(canonicalToExchange));
            }

            // Binance stream names are lower-case while its payloads are upper-case: accept both spellings.
            reverse.Add(new(exchangeSymbol, canonical));
            reverse.Add(new(exchangeSymbol.ToUpperInvariant(), canonical));
            reverse.Add(new(exchangeSymbol.ToLowerInvariant(), canonical));
        }

        CanonicalSymbols = [.. _toExchange.Keys];
        _fromExchange = new Utf8SymbolTable(reverse);
    }

    /// <summary>The exchange this map belongs to.</summary>
    public string Exchange { get; }

    /// <summary>The canonical symbols, in the order given.</summary>
    public IReadOnlyList<string> CanonicalSymbols { get; }

    /// <summary>A map that spells each canonical symbol by the exchange's usual rule (see <see cref="DefaultExchangeSymbol"/>).</summary>
    public static SymbolMap ForExchange(string exchange, IEnumerable<string> canonicalSymbols)
    {
        ArgumentNullException.ThrowIfNull(canonicalSymbols);
        return new SymbolMap(exchange, canonicalSymbols.Select(c => new KeyValuePair<string, string>(c, DefaultExchangeSymbol(exchange, c))));
    }

    /// <summary>The exchange's usual spelling: Binance and Bybit drop the dash, OKX and Coinbase keep <c>BASE-QUOTE</c>.</summary>
    public static string DefaultExchangeSymbol(string exchange, string canonicalSymbol)
    {
        ArgumentNullException.ThrowIfNull(canonicalSymbol);
        return exchange switch
        {
            ExchangeNames.Binance or ExchangeNames.Bybit => canonicalSymbol.Replace("-", string.Empty, StringComparison.Ordinal),
            ExchangeNames.Okx or ExchangeNames.Coinbase => canonicalSymbol,
            _ => throw new ArgumentException($"Unknown exchange '{exchange}'.", nameof(exchange)),
        };
    }

    /// <summary>The exchange's spelling of a canonical symbol.</summary>
    /// <exception cref="KeyNotFoundException">The symbol is not in the map.</exception>
    public string ToExchange(string canonicalSymbol) =>
        _toExchange.TryGetValue(canonicalSymbol, out var value)
            ? value
            : throw new KeyNotFoundException($"{canonicalSymbol} is not configured for {Exchange}.");

    /// <summary>The canonical symbol of an exchange spelling given as UTF-8 bytes; does not allocate.</summary>
    public bool TryGetCanonical(ReadOnlySpan<byte> exchangeSymbolUtf8, [NotNullWhen(true)] out string? canonicalSymbol) =>
        _fromExchange.TryGet(exchangeSymbolUtf8, out canonicalSymbol);
}
