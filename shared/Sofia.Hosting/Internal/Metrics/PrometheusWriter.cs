using System.Text;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>Renders instrument states as the Prometheus text exposition format 0.0.4, families sorted by name.</summary>
internal static class PrometheusWriter
{
    private static readonly string[] TypeNames = ["counter", "gauge", "histogram"];

    /// <param name="states">The instruments to render.</param>
    /// <param name="onCollision">Told about an instrument left out because an instrument of another type has its name.</param>
    public static string Write(IEnumerable<InstrumentState> states, Action<InstrumentState, InstrumentState> onCollision)
    {
        var ordered = states
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Instrument.Meter.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Instrument.Name, StringComparer.Ordinal)
            .ToList();

        var output = new StringBuilder();
        var samples = new StringBuilder();
        for (var start = 0; start < ordered.Count;)
        {
            var first = ordered[start];
            var end = start;
            samples.Clear();
            // Instruments that map to one name share one family, as long as they agree on its type.
            for (; end < ordered.Count && ordered[end].Name == first.Name; end++)
            {
                if (ordered[end].Type != first.Type)
                {
                    onCollision(ordered[end], first);
                    continue;
                }

                AppendSamples(samples, ordered[end]);
            }

            if (samples.Length > 0)
            {
                output.Append("# HELP ").Append(first.Name).Append(' ');
                PrometheusText.AppendHelp(output, first.Help);
                output.Append('\n');
                output.Append("# TYPE ").Append(first.Name).Append(' ').Append(TypeNames[(int)first.Type]).Append('\n');
                output.Append(samples);
            }

            start = end;
        }

        return output.ToString();
    }

    private static void AppendSamples(StringBuilder builder, InstrumentState state)
    {
        var snapshot = state.Snapshot();
        if (snapshot.Count == 0 && state.ShowsZeroWhenEmpty)
        {
            snapshot.Add(new(TagSet.Empty, state.NewSeries()));
        }

        foreach (var (tags, series) in snapshot)
        {
            var labels = Join(state.ConstantLabels, tags.Labels);
            switch (series)
            {
                case ScalarSeries scalar:
                    AppendSample(builder, state.Name, labels, scalar.Value);
                    break;
                case HistogramSeries histogram:
                    AppendHistogram(builder, state.Name, labels, histogram);
                    break;
            }
        }
    }

    private static void AppendHistogram(StringBuilder builder, string name, string labels, HistogramSeries histogram)
    {
        var (cumulative, sum) = histogram.Snapshot();
        var bounds = histogram.Bounds;
        var bucketName = name + "_bucket";
        var prefix = labels.Length == 0 ? string.Empty : labels + ",";
        for (var i = 0; i < bounds.Length; i++)
        {
            AppendSample(builder, bucketName, prefix + "le=\"" + PrometheusText.FormatValue(bounds[i]) + "\"", cumulative[i]);
        }

        var total = cumulative[^1];
        AppendSample(builder, bucketName, prefix + "le=\"+Inf\"", total);
        AppendSample(builder, name + "_sum", labels, sum);
        AppendSample(builder, name + "_count", labels, total);
    }

    private static void AppendSample(StringBuilder builder, string name, string labels, double value)
    {
        builder.Append(name);
        if (labels.Length > 0)
        {
            builder.Append('{').Append(labels).Append('}');
        }

        builder.Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
    }

    private static string Join(string constantLabels, string seriesLabels) =>
        (constantLabels.Length, seriesLabels.Length) switch
        {
            (0, _) => seriesLabels,
            (_, 0) => constantLabels,
            _ => constantLabels + "," + seriesLabels,
        };
}
