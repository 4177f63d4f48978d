namespace Sofia.SignalHub.Api;

/// <summary>One strategy's latest signal as the API shows it.</summary>
internal sealed record SignalView(
    string Strategy,
    string SignalId,
    string Exchange,
    string Direction,
    double Strength,
    double Confidence,
    string Reason,
    long BarTimeUs,
    int BarIntervalSeconds,
    decimal BarClose);
