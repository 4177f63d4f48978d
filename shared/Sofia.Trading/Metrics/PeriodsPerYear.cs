namespace Sofia.Trading.Metrics;

/// <summary>Annualization factors: the number of return periods in a year, passed explicitly to every annualized metric.</summary>
public static class PeriodsPerYear
{
    /// <summary>Trading days of a stock market (empyrical's default).</summary>
    public const double TradingDays = 252;

    /// <summary>Calendar days: crypto trades every day.</summary>
    public const double CryptoDays = 365;

    /// <summary>Hours of a 365-day crypto year.</summary>
    public const double CryptoHours = 365 * 24;

    /// <summary>Minutes of a 365-day crypto year (525 600).</summary>
    public const double CryptoMinutes = 365 * 24 * 60;

    /// <summary>Weeks (empyrical's weekly factor).</summary>
    public const double Weeks = 52;

    /// <summary>Months.</summary>
    public const double Months = 12;
}
