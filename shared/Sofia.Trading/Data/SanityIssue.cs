namespace Sofia.Trading.Data;

/// <summary>One broken rule and its repair.</summary>
/// <param name="Row">1-based position of the bar in the input (data rows; a CSV header is not counted).</param>
/// <param name="OpenTimeUs">The bar's open time as given.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Repair">What relaxed mode did.</param>
public readonly record struct SanityIssue(int Row, long OpenTimeUs, SanityRule Rule, SanityRepair Repair);
