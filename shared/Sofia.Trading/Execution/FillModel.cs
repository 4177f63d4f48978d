namespace Sofia.Trading.Execution;

/// <summary>
/// Fees, slippage and volume participation shared by the backtester, the optimizer and the paper OMS.
/// <list type="bullet">
/// <item>Fee = <c>|quantity · price| · bps / 10 000</c> with <see cref="MakerFeeBps"/> or <see cref="TakerFeeBps"/>.</item>
/// <item>Taker fills move the price against the order by
/// <c><see cref="SlippageBps"/> + <see cref="ImpactBps"/> · participation</c> basis points, where participation =
/// fill quantity / bar volume (1 when the bar has no volume). Maker fills have no slippage.</item>
/// <item>With <see cref="MaxParticipation"/> &gt; 0, all fills of one bar together take at most that fraction of the
/// bar's volume; the rest of an order stays open (partial fills).</item>
/// </list>
/// </summary>
public sealed record FillModel
{
    private const decimal BpsPerUnit = 10_000m;

    /// <summary>A model with no fees, no slippage and no participation cap.</summary>
    public static FillModel Frictionless { get; } = new();

    /// <summary>Fee rate for maker fills, basis points of notional (may be negative for rebates).</summary>
    public decimal MakerFeeBps { get; init; }

    /// <summary>Fee rate for taker fills, basis points of notional.</summary>
    public decimal TakerFeeBps { get; init; }

    /// <summary>Fixed adverse slippage on taker fills, basis points of the fill price.</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>Extra adverse slippage on taker fills per unit of participation (bps when the fill equals the bar volume).</summary>
    public decimal ImpactBps { get; init; }

    /// <summary>Largest fraction of a bar's (or trade's) volume our fills may take, in (0, 1]; 0 disables the cap.</summary>
    public decimal MaxParticipation { get; init; }

    /// <summary>The fee for a fill of <paramref name="notional"/> quote currency.</summary>
    public decimal Fee(decimal notional, Liquidity liquidity) =>
        Math.Abs(notional) * (liquidity == Liquidity.Maker ? MakerFeeBps : TakerFeeBps) / BpsPerUnit;

    /// <summary>The adverse slippage in basis points for a taker fill at <paramref name="participation"/> of the bar volume.</summary>
    public decimal SlippageBpsAt(decimal participation) => SlippageBps + (ImpactBps * participation);

    /// <summary>The taker fill price: <paramref name="price"/> moved against the order by <see cref="SlippageBpsAt"/>.</summary>
    public decimal ApplySlippage(decimal price, OrderSide side, decimal participation)
    {
        var bps = SlippageBpsAt(participation);
        if (bps == 0m)
        {
            return price;
        }

        var factor = side == OrderSide.Buy ? BpsPerUnit + bps : BpsPerUnit - bps;
        return price * factor / BpsPerUnit;
    }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(TakerFeeBps);
        ArgumentOutOfRangeException.ThrowIfNegative(SlippageBps);
        ArgumentOutOfRangeException.ThrowIfNegative(ImpactBps);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxParticipation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParticipation, 1m);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(MakerFeeBps, BpsPerUnit);
    }
}
