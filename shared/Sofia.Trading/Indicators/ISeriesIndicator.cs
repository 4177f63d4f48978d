namespace Sofia.Trading.Indicators;

/// <summary>An indicator of a single series (closes, returns, another indicator's output).</summary>
public interface ISeriesIndicator : IIndicator
{
    /// <summary>Feeds one value and returns <see cref="IIndicator.IsReady"/>.</summary>
    bool Update(double value);
}
