namespace Sofia.Optimization.Search;

/// <summary>Settings of <see cref="TpeSearch"/>.</summary>
public sealed record TpeOptions
{
    /// <summary>Random trials before the model is used.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Fraction of the trials (best first) that form the "good" density l(x); at least one trial.</summary>
    public double Gamma { get; init; } = 0.25;

    /// <summary>Candidates drawn from l(x) per asked point; the one with the largest l(x)/g(x) is asked.</summary>
    public int Candidates { get; init; } = 24;
}
