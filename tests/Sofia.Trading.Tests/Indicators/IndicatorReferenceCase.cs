using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>One indicator output checked against one published reference series.</summary>
public sealed record IndicatorReferenceCase(
    string Name,
    Func<IIndicator> Create,
    Func<IIndicator, double> Read,
    Func<ReferenceSeries> Load)
{
    public override string ToString() => Name;
}
