using System.Globalization;

namespace Sofia.Trading.Risk;

/// <summary>
/// Rejects an order when |projected position| · price would exceed the symbol's notional limit (quote currency).
/// Reduce-only orders pass.
/// </summary>
public sealed class MaxPositionNotionalRule : IRiskRule
{
    private readonly Dictionary<string, decimal> _perSymbol;

    /// <summary>Creates the rule with a default limit and optional per-symbol overrides.</summary>
    public MaxPositionNotionalRule(decimal defaultLimit, IReadOnlyDictionary<string, decimal>? perSymbolLimits = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(defaultLimit);
        DefaultLimit = defaultLimit;
        _perSymbol = perSymbolLimits is null
            ? new Dictionary<string, decimal>(StringComparer.Ordinal)
            : new Dictionary<string, decimal>(perSymbolLimits, StringComparer.Ordinal);
    }

    /// <summary>Limit for symbols without an override.</summary>
    public decimal DefaultLimit { get; }

    /// <inheritdoc/>
    public string Code => RiskReasonCodes.MaxPositionUsd;

    /// <summary>The limit that applies to <paramref name="symbol"/>.</summary>
    public decimal LimitFor(string symbol) => _perSymbol.TryGetValue(symbol, out var limit) ? limit : DefaultLimit;

    /// <inheritdoc/>
    public RiskDecision Check(in RiskContext context)
    {
        if (context.IsReduceOnly)
        {
            return RiskDecision.Allow;
        }

        var limit = LimitFor(context.Order.Symbol);
        var notional = Math.Abs(context.ProjectedQuantity) * context.Price;
        return notional <= limit
            ? RiskDecision.Allow
            : RiskDecision.Reject(Code, string.Create(
                CultureInfo.InvariantCulture,
                $"Position in {context.Order.Symbol} would be {notional:0.##} notional, above the {limit:0.##} limit."));
    }
}
