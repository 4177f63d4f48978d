namespace Sofia.Trading.Indicators;

/// <summary>Exact re-summations over a window, used to cancel the drift of running sums.</summary>
internal static class WindowMath
{
    public static double Sum(RingBuffer<double> window)
    {
        var sum = 0.0;
        for (var age = window.Count - 1; age >= 0; age--)
        {
            sum += window[age];
        }

        return sum;
    }
}
