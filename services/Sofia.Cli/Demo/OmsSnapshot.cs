namespace Sofia.Cli.Demo;

/// <summary>The paper OMS's state as its API reports it at one moment.</summary>
internal sealed record OmsSnapshot(long LastTickTimeUs, bool KillSwitch, string KillSwitchReason, IReadOnlyList<StrategyAccount> Strategies);
