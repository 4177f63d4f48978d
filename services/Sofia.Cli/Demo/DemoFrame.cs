namespace Sofia.Cli.Demo;

/// <summary>One refresh of the live view.</summary>
internal sealed record DemoFrame(TimeSpan Elapsed, double TicksPerSecond, TapeSnapshot Tape, OmsSnapshot? Oms);
