namespace Sofia.Contracts;

/// <summary>
/// Canonical market symbols: <c>BASE-QUOTE</c>, upper-case (<c>BTC-USDT</c>, <c>BTC-USD</c>).
/// Accepts exchange spellings (<c>BTCUSDT</c>, <c>btcusdt</c>, <c>BTC/USDT</c>, <c>BTC_USDT</c>,
/// <c>XBT-USD</c>) and refuses to guess: a quote currency it does not know is an error.
/// </summary>
public static class Symbols
{
    // Longest first, so BTCUSDT is BTC-USDT and not BTCUSD-T.
    private static readonly string[] KnownQuotes =
        ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "USD", "EUR", "GBP", "TRY", "BRL", "JPY", "AUD", "DAI", "BTC", "ETH", "BNB", "SOL"];

    private static readonly Dictionary<string, string> AssetAliases = new(StringComparer.Ordinal)
    {
        ["XBT"] = "BTC",
        ["XXBT"] = "BTC",
        ["XETH"] = "ETH",
        ["ZUSD"] = "USD",
    };

    /// <summary>The quote currencies that canonicalization recognises.</summary>
    public static IReadOnlyList<string> Quotes => KnownQuotes;

    /// <summary>Converts any supported spelling to <c>BASE-QUOTE</c>.</summary>
    /// <exception cref="FormatException">The symbol is empty, malformed, or its quote currency is unknown.</exception>
    public static string Canonicalize(string symbol)
    {
        if (TryCanonicalize(symbol, out var canonical, out var error))
        {
            return canonical;
        }

        throw new FormatException(error);
    }

    /// <summary>Like <see cref="Canonicalize"/>, returning the reason instead of throwing.</summary>
    public static bool TryCanonicalize(string? symbol, out string canonical, out string error)
    {
        canonical = string.Empty;
        var text = symbol?.Trim().ToUpperInvariant() ?? string.Empty;
        if (text.Length == 0)
        {
            error = "Symbol is empty.";
            return false;
        }

        string baseAsset;
        string quoteAsset;
        var separator = text.IndexOfAny(['-', '/', '_', ':']);
        if (separator >= 0)
        {
            baseAsset = text[..separator];
            quoteAsset = text[(separator + 1)..];
        }
        else if (!TrySplitConcatenated(text, out baseAsset, out quoteAsset))
        {
            error = $"Symbol '{symbol}' does not end in a known quote currency ({string.Join(", ", KnownQuotes)}).";
            return false;
        }

        baseAsset = Alias(baseAsset);
        quoteAsset = Alias(quoteAsset);
        if (!IsAsset(baseAsset) || !IsAsset(quoteAsset))
        {
            error = $"Symbol '{symbol}' is not BASE-QUOTE with letters and digits on both sides.";
            return false;
        }

        if (Array.IndexOf(KnownQuotes, quoteAsset) < 0)
        {
            error = $"Symbol '{symbol}' has unknown quote currency '{quoteAsset}' (known: {string.Join(", ", KnownQuotes)}).";
            return false;
        }

        canonical = baseAsset + "-" + quoteAsset;
        error = string.Empty;
        return true;
    }

    /// <summary>Splits a canonical symbol into its base and quote assets.</summary>
    public static (string Base, string Quote) Split(string canonicalSymbol)
    {
        var dash = canonicalSymbol.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == canonicalSymbol.Length - 1)
        {
            throw new FormatException($"'{canonicalSymbol}' is not a canonical BASE-QUOTE symbol.");
        }

        return (canonicalSymbol[..dash], canonicalSymbol[(dash + 1)..]);
    }

    private static bool TrySplitConcatenated(string text, out string baseAsset, out string quoteAsset)
    {
        // An aliased base such as XBT decides the split: XBTUSD is XBT-USD, not XB-TUSD.
        foreach (var alias in AssetAliases.Keys)
        {
            if (text.StartsWith(alias, StringComparison.Ordinal) && Array.IndexOf(KnownQuotes, text[alias.Length..]) >= 0)
            {
                baseAsset = alias;
                quoteAsset = text[alias.Length..];
                return true;
            }
        }

        foreach (var quote in KnownQuotes)
        {
            if (text.Length > quote.Length && text.EndsWith(quote, StringComparison.Ordinal))
            {
                baseAsset = text[..^quote.Length];
                quoteAsset = quote;
                return true;
            }
        }

        baseAsset = quoteAsset = string.Empty;
        return false;
    }

    private static string Alias(string asset) => AssetAliases.TryGetValue(asset, out var alias) ? alias : asset;

    private static bool IsAsset(string asset)
    {
        if (asset.Length is 0 or > 16)
        {
            return false;
        }

        foreach (var c in asset)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
