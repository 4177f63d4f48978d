using Sofia.Trading.Data;

namespace Sofia.Trading.Backtesting;

/// <summary>One-call runs over bars in memory, streamed bars and aligned multi-symbol series.</summary>
public sealed partial class Backtester
{
    /// <summary>The symbol name used when a caller gives none.</summary>
    public const string DefaultSymbol = "BTC-USDT";

    /// <summary>Runs a single-symbol strategy over bars in memory.</summary>
    public static BacktestResult Run(Strategies.IStrategy strategy, ReadOnlySpan<Bar> bars, BacktestOptions options, string symbol = DefaultSymbol)
    {
        var backtester = new Backtester(strategy, options, [symbol]);
        foreach (ref readonly var bar in bars)
        {
            backtester.Step(bar);
        }

        return backtester.Complete();
    }

    /// <summary>
    /// Runs a single-symbol strategy over streamed bars (e.g. <see cref="BarFileReader.Read"/>) in memory that does not
    /// grow with their number. Bars with a non-finite value or a non-positive price throw a <see cref="BarDataException"/>.
    /// </summary>
    public static BacktestResult Run(Strategies.IStrategy strategy, IEnumerable<Bar> bars, BacktestOptions options, string symbol = DefaultSymbol)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var backtester = new Backtester(strategy, options, [symbol]);
        foreach (var bar in bars)
        {
            if (!double.IsFinite(bar.High + bar.Low + bar.Open + bar.Close + bar.Volume))
            {
                throw new BarDataException(backtester.BarCount + 1, SanityRule.NonFinite, $"bar at {bar.OpenTimeUs} µs has a non-finite value");
            }

            if (!(bar.Open > 0 && bar.High > 0 && bar.Low > 0 && bar.Close > 0))
            {
                throw new BarDataException(backtester.BarCount + 1, SanityRule.NonPositivePrice, $"bar at {bar.OpenTimeUs} µs has a non-positive price");
            }

            backtester.Step(bar);
        }

        return backtester.Complete();
    }

    /// <summary>Runs a multi-symbol strategy over series aligned with <see cref="BarAligner.Align"/> (equal lengths, equal open times).</summary>
    public static BacktestResult Run(Strategies.IStrategy strategy, IReadOnlyList<Bar[]> aligned, IReadOnlyList<string> symbols, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(aligned);
        var backtester = new Backtester(strategy, options, symbols);
        var length = aligned.Count == 0 ? 0 : aligned[0].Length;
        var step = new Bar[aligned.Count];
        for (var t = 0; t < length; t++)
        {
            for (var s = 0; s < step.Length; s++)
            {
                step[s] = aligned[s][t];
            }

            backtester.Step(step);
        }

        return backtester.Complete();
    }
}
