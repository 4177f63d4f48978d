namespace Sofia.Optimization.Validation;

/// <summary>A way of cutting a series of bars into validation folds.</summary>
public interface IFoldScheme
{
    /// <summary>The folds over <paramref name="bars"/> bars; throws an <see cref="ArgumentException"/> when none fit.</summary>
    IReadOnlyList<Fold> Folds(int bars);
}
