using Sofia.Contracts.V1;

namespace Sofia.Ingestor.Domain;

/// <summary>
/// Large trades and rolling buy/sell imbalance of one market (see <see cref="WhaleRules"/>). Only markets quoted
/// in USD or a USD stablecoin are judged: other quotes would need a price conversion the ingestor does not have.
/// Not thread-safe: the caller serializes trades of one market.
/// </summary>
internal sealed class WhaleDetector
{
    private readonly WhaleRules _rules;
    private readonly decimal[] _buy;
    private readonly decimal[] _sell;
    private readonly long[] _second;
    private decimal _buyTotal;
    private decimal _sellTotal;
    private WhaleKind _episode = WhaleKind.Unspecified;

    public WhaleDetector(WhaleRules rules, bool quotedInUsd)
    {
        _rules = rules;
        QuotedInUsd = quotedInUsd;
        var buckets = Math.Max(1, (int)Math.Ceiling(rules.Window.TotalSeconds));
        _buy = new decimal[buckets];
        _sell = new decimal[buckets];
        _second = new long[buckets];
        Array.Fill(_second, long.MinValue);
    }

    public bool QuotedInUsd { get; }

    /// <summary>The buy share of the window's notional, or null when the window is empty.</summary>
    public double? BuyShare => _buyTotal + _sellTotal == 0 ? null : (double)(_buyTotal / (_buyTotal + _sellTotal));

    /// <summary>Whether one trade's notional makes it a whale.</summary>
    public bool IsLarge(decimal notionalUsd) => QuotedInUsd && notionalUsd >= _rules.ThresholdUsd;

    /// <summary>Adds a live trade to the window; returns the imbalance kind when a new episode starts.</summary>
    public WhaleKind Observe(long exchangeTimeUs, Side side, decimal notionalUsd)
    {
        if (!QuotedInUsd || side == Side.Unspecified)
        {
            return WhaleKind.Unspecified;
        }

        var second = exchangeTimeUs / 1_000_000;
        var slot = (int)(((second % _second.Length) + _second.Length) % _second.Length);
        if (_second[slot] < second)
        {
            Expire(second);
            _second[slot] = second;
        }

        if (side == Side.Buy)
        {
            _buy[slot] += notionalUsd;
            _buyTotal += notionalUsd;
        }
        else
        {
            _sell[slot] += notionalUsd;
            _sellTotal += notionalUsd;
        }

        var kind = Classify();
        if (kind == _episode)
        {
            return WhaleKind.Unspecified;
        }

        _episode = kind;
        return kind;
    }

    private WhaleKind Classify()
    {
        var total = _buyTotal + _sellTotal;
        if (total < _rules.MinWindowNotionalUsd || total == 0)
        {
            return WhaleKind.Unspecified;
        }

        var share = (double)(_buyTotal / total);
        return share >= _rules.ImbalanceThreshold ? WhaleKind.Accumulation
            : share <= 1 - _rules.ImbalanceThreshold ? WhaleKind.Distribution
            : WhaleKind.Unspecified;
    }

    // Drops every bucket older than the window that ends at the current second.
    private void Expire(long second)
    {
        for (var i = 0; i < _second.Length; i++)
        {
            if (_second[i] != long.MinValue && _second[i] <= second - _second.Length)
            {
                _buyTotal -= _buy[i];
                _sellTotal -= _sell[i];
                _buy[i] = 0;
                _sell[i] = 0;
                _second[i] = long.MinValue;
            }
        }
    }
}
