namespace Sofia.Cli.Demo;

/// <summary>One fill as the bus carried it.</summary>
internal sealed record DemoTrade(string Strategy, string Exchange, string Symbol, string Side, decimal Quantity, decimal Price, decimal Fee, long TimeUs);
