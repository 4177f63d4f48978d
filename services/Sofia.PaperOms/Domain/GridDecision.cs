using Sofia.Signals;

namespace Sofia.PaperOms.Domain;

/// <summary>An order-placing strategy's decision at a bar close, with the account it read just before deciding.</summary>
internal sealed record GridDecision(StrategySignal Signal, StrategyAccountState Account);
