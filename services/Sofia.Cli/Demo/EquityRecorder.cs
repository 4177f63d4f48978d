namespace Sofia.Cli.Demo;

/// <summary>Each strategy's equity over exchange time, sampled from the paper OMS at every progress refresh.</summary>
internal sealed class EquityRecorder
{
    private readonly Dictionary<string, List<(long TimeUs, decimal Equity)>> _series = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, List<(long TimeUs, decimal Equity)>> Series => _series;

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
                points[^1] = (points[^1].TimeUs, account.Equity);
            }
            else
            {
                points.Add((snapshot.LastTickTimeUs, account.Equity));
            }
        }
    }
}
