using System.Globalization;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>How precisely a number was printed: half a unit in its last printed digit.</summary>
internal static class PrintedPrecision
{
    /// <summary>Half a unit in the last place of a decimal or E-notation number ("1.2E+08" gives 5E+05).</summary>
    public static double HalfUnitInLastPlace(string text)
    {
        var trimmed = text.Trim();
        var exponentAt = trimmed.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? trimmed : trimmed[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(trimmed[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : mantissa.Length - point - 1;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }
}
