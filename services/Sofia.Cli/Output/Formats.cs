using System.Globalization;

namespace Sofia.Cli.Output;

/// <summary>Number and time formats shared by the table and the HTML report.</summary>
internal static class Formats
{
    public static string Percent(double value) => double.IsFinite(value) ? value.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    public static string Ratio(double value) =>
        double.IsNaN(value) ? "n/a" : double.IsPositiveInfinity(value) ? "∞" : value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Quantity(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    public static string Time(long timeUs) =>
        DateTime.UnixEpoch.AddTicks(timeUs * 10).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
