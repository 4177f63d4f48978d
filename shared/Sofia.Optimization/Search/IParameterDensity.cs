namespace Sofia.Optimization.Search;

/// <summary>A one-parameter density that TPE samples candidates from and scores them with.</summary>
internal interface IParameterDensity
{
    double Sample(Rng rng);

    double LogDensity(double x);
}
