namespace Sofia.Optimization.Validation;

/// <summary>A half-open range of bar indices [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Start">First bar index.</param>
/// <param name="End">One past the last bar index.</param>
public readonly record struct Segment(int Start, int End)
{
    /// <summary>Bars in the segment.</summary>
    public int Length => End - Start;

    /// <summary>True when <paramref name="index"/> lies in the segment.</summary>
    public bool Contains(int index) => index >= Start && index < End;
}
