namespace Sofia.Cli.Demo;

/// <summary>
/// Each strategy's PnL (equity minus deposits) over exchange time, sampled from the paper OMS at every progress refresh.
/// PnL, not equity: a strategy's book on another market opens later with its own deposit, which is no return.
/// </summary>
internal sealed class EquityRecorder
{
    private readonly Dictionary<string, List<(long TimeUs, decimal Pnl)>> _series = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, List<(long TimeUs, decimal Pnl)>> Series => _series;

    public void Add(OmsSnapshot snapshot)
    {
        foreach (var account in snapshot.Strategies)
        {
            if (!_series.TryGetValue(account.Strategy, out var points))
            {
                points = [];
                _series[account.Strategy] = points;
            }

            // One point per exchange time: a later read at the same time replaces the earlier one.
            if (points.Count > 0 && points[^1].TimeUs >= snapshot.LastTickTimeUs)
            {
                points[^1] = (points[^1].TimeUs, account.Pnl);
            }
            else
            {
                points.Add((snapshot.LastTickTimeUs, account.Pnl));
            }
        }
    }
}
