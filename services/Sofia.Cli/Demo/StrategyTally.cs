namespace Sofia.Cli.Demo;

/// <summary>What the bus carried for one strategy: signals, order intents, risk rejections and fills.</summary>
internal sealed class StrategyTally
{
    public const int MaxTrades = 5_000;

    public long Signals { get; set; }

    public long Intents { get; set; }

    public long Rejections { get; set; }

    public long Fills { get; set; }

    /// <summary>The first <see cref="MaxTrades"/> fills, in bus order.</summary>
    public List<DemoTrade> Trades { get; } = [];

    /// <summary>Rejections by reason code.</summary>
    public Dictionary<string, long> RejectionReasons { get; } = new(StringComparer.Ordinal);

    public StrategyTally Copy()
    {
        var copy = new StrategyTally { Signals = Signals, Intents = Intents, Rejections = Rejections, Fills = Fills };
        copy.Trades.AddRange(Trades);
        foreach (var pair in RejectionReasons)
        {
            copy.RejectionReasons[pair.Key] = pair.Value;
        }

        return copy;
    }
}
