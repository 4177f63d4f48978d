namespace Sofia.Optimization.Validation;

/// <summary>
/// One validation fold: the training segments (one for walk-forward, up to two for k-fold) and the test segment.
/// The objective uses the test segment only; training segments give in-sample figures.
/// </summary>
/// <param name="Train">Training segments, in bar order, never overlapping the test segment or its purge/embargo span.</param>
/// <param name="Test">The out-of-sample segment.</param>
public sealed record Fold(IReadOnlyList<Segment> Train, Segment Test);
