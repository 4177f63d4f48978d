namespace Sofia.Cli.Demo;

/// <summary>Everything the summary table, the HTML report and the JSON summary show.</summary>
internal sealed record DemoResult(
    DemoOptions Options,
    IReadOnlyList<string> ServicesRun,
    TimeSpan Elapsed,
    TapeSnapshot Tape,
    OmsSnapshot Oms,
    IReadOnlyList<StrategyFigures> Strategies,
    bool Drained,
    long CandlesStored)
{
    /// <summary>True when every strategy's fills counted on the bus equal the OMS's own count.</summary>
    public bool FillsAgree => Strategies.All(s => s.Tally.Fills == s.Account.Fills);
}
