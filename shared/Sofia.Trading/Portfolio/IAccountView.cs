namespace Sofia.Trading.Portfolio;

/// <summary>The read-only account figures that risk rules and sizers need; implemented by <see cref="Ledger"/> and <see cref="Account"/>.</summary>
public interface IAccountView
{
    /// <summary>Cash plus the marked value of every position.</summary>
    decimal Equity { get; }

    /// <summary>Sum of |quantity · mark| over all positions.</summary>
    decimal GrossExposure { get; }

    /// <summary>Signed quantity held in <paramref name="symbol"/> (zero when none).</summary>
    decimal PositionQuantity(string symbol);
}
