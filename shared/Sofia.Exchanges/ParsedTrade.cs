using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges;

/// <summary>
/// One normalized trade, parsed without allocating: the canonical symbol is a shared string from the
/// <see cref="SymbolMap"/>, price and quantity are exact mantissa/scale pairs, and the trade id is kept
/// both as the exchange wrote it (UTF-8, inline) and as a number when it is numeric.
/// </summary>
public struct ParsedTrade
{
    /// <summary>The longest trade id, in UTF-8 bytes, that fits inline.</summary>
    public const int MaxTradeIdLength = TradeIdBuffer.Length;

    private TradeIdBuffer _tradeIdText;
    private byte _tradeIdLength;

    /// <summary>Canonical <c>BASE-QUOTE</c> symbol.</summary>
    public string Symbol { readonly get; internal set; }

    /// <summary>Price mantissa: price = mantissa × 10^−scale.</summary>
    public long PriceMantissa { readonly get; internal set; }

    /// <summary>Price scale (digits after the decimal point, as the exchange wrote them).</summary>
    public uint PriceScale { readonly get; internal set; }

    /// <summary>Quantity mantissa in base units: quantity = mantissa × 10^−scale.</summary>
    public long QuantityMantissa { readonly get; internal set; }

    /// <summary>Quantity scale.</summary>
    public uint QuantityScale { readonly get; internal set; }

    /// <summary>The taker's (aggressor's) side.</summary>
    public Side AggressorSide { readonly get; internal set; }

    /// <summary>The trade id as a number, when <see cref="HasNumericTradeId"/>; for an aggregated print, the last id it covers.</summary>
    public long TradeId { readonly get; internal set; }

    /// <summary>Whether the exchange's trade id is a decimal integer that fits 64 bits.</summary>
    public bool HasNumericTradeId { readonly get; internal set; }

    /// <summary>How many consecutive exchange trade ids this print covers (OKX <c>trades</c> aggregates; 1 elsewhere).</summary>
    public int TradeIdCount { readonly get; internal set; }

    /// <summary>Exchange trade time, UTC epoch microseconds.</summary>
    public long ExchangeTimeUs { readonly get; internal set; }

    /// <summary>Our receive time, UTC epoch microseconds, as passed to the parser.</summary>
    public long ReceiveTimeUs { readonly get; internal set; }

    /// <summary>The first trade id this print covers (<see cref="TradeId"/> − <see cref="TradeIdCount"/> + 1).</summary>
    public readonly long FirstTradeId => TradeId - Math.Max(TradeIdCount, 1) + 1;

    /// <summary>The trade id bytes exactly as the exchange wrote them.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> TradeIdUtf8 => ((ReadOnlySpan<byte>)_tradeIdText)[.._tradeIdLength];

    /// <summary>The exact price.</summary>
    public readonly decimal Price => ToDecimal(PriceMantissa, PriceScale);

    /// <summary>The exact quantity.</summary>
    public readonly decimal Quantity => ToDecimal(QuantityMantissa, QuantityScale);

    /// <summary>The trade id as text (allocates; for publishing).</summary>
    public readonly string TradeIdString() => Encoding.UTF8.GetString(TradeIdUtf8);

    /// <summary>The bus message for this trade (allocates; done once per trade when publishing).</summary>
    public readonly Tick ToTick(string exchange) => new()
    {
        Exchange = exchange,
        Symbol = Symbol,
        Price = new DecimalValue { Mantissa = PriceMantissa, Scale = PriceScale },
        Quantity = new DecimalValue { Mantissa = QuantityMantissa, Scale = QuantityScale },
        AggressorSide = AggressorSide,
        TradeId = TradeIdString(),
        ExchangeTimeUs = ExchangeTimeUs,
        ReceiveTimeUs = ReceiveTimeUs,
    };

    /// <inheritdoc/>
    public override readonly string ToString() =>
        $"{Symbol} {AggressorSide} {Quantity.ToString(CultureInfo.InvariantCulture)} @ {Price.ToString(CultureInfo.InvariantCulture)} id={TradeIdString()} t={ExchangeTimeUs}";

    internal bool TrySetTradeId(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxTradeIdLength)
        {
            return false;
        }

        utf8.CopyTo(_tradeIdText);
        _tradeIdLength = (byte)utf8.Length;
        HasNumericTradeId = Utf8Number.TryParseInt64(utf8, out var numeric);
        TradeId = numeric;
        return true;
    }

    private static decimal ToDecimal(long mantissa, uint scale)
    {
        var magnitude = mantissa < 0 ? (ulong)-(mantissa + 1) + 1 : (ulong)mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, mantissa < 0, (byte)scale);
    }
}
