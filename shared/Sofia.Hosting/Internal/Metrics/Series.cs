namespace Sofia.Hosting.Internal.Metrics;

/// <summary>The aggregated state of one instrument for one tag set.</summary>
internal abstract class Series
{
    public abstract void Record(double value);
}
