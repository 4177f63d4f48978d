namespace Sofia.SignalHub.Api;

/// <summary>The latest signal of each strategy of a symbol, and whether all of them are warm.</summary>
internal sealed record SignalsResponse(string Symbol, bool Warm, IReadOnlyList<SignalView> Signals);
