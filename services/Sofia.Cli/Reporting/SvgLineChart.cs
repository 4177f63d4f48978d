using System.Globalization;
using System.Net;
using System.Text;

namespace Sofia.Cli.Reporting;

/// <summary>A minimal SVG line chart: one series, a frame, min/max labels on the y axis and start/end labels on the x axis.</summary>
internal static class SvgLineChart
{
    private const int Left = 80;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 30;

    public static string Render(
        IReadOnlyList<(double X, double Y)> points,
        string title,
        Func<double, string> formatY,
        Func<double, string> formatX,
        string color = "#1f77b4",
        int width = 900,
        int height = 260)
    {
        ArgumentNullException.ThrowIfNull(points);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-family=\"sans-serif\">{Escape(title)}</text>");
        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#999\"/>");
        if (points.Count > 0)
        {
            var (minX, maxX, minY, maxY) = Bounds(points);
            var polyline = new StringBuilder();
            foreach (var (x, y) in points)
            {
                var px = Left + ((x - minX) / (maxX - minX) * plotWidth);
                var py = Top + plotHeight - ((y - minY) / (maxY - minY) * plotHeight);
                polyline.Append(CultureInfo.InvariantCulture, $"{px:F1},{py:F1} ");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{polyline.ToString().TrimEnd()}\"/>");
            Label(svg, Left - 6, Top + 10, "end", formatY(maxY));
            Label(svg, Left - 6, Top + plotHeight, "end", formatY(minY));
            Label(svg, Left, height - 8, "start", formatX(minX));
            Label(svg, width - Right, height - 8, "end", formatX(maxX));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (double MinX, double MaxX, double MinY, double MaxY) Bounds(IReadOnlyList<(double X, double Y)> points)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (var (x, y) in points)
        {
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }

        // A flat series or a single point still needs a non-empty range to scale into.
        if (maxX <= minX)
        {
            maxX = minX + 1;
        }

        if (maxY <= minY)
        {
            var pad = Math.Abs(minY) > 0 ? Math.Abs(minY) * 0.01 : 1;
            minY -= pad;
            maxY += pad;
        }

        return (minX, maxX, minY, maxY);
    }

    private static void Label(StringBuilder svg, double x, double y, string anchor, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F0}\" y=\"{y:F0}\" font-size=\"11\" font-family=\"sans-serif\" text-anchor=\"{anchor}\">{Escape(text)}</text>");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
