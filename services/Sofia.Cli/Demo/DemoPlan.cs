using System.Text;

namespace Sofia.Cli.Demo;

/// <summary>The signal hub's strategy plan for the demo's markets, in the hub's own YAML format.</summary>
internal static class DemoPlan
{
    /// <summary>The strategies every market runs (the default plan's set); the signal hub adds the fused vote.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["trend", "donchian", "supertrend", "bollinger_revert", "rsi_revert"];

    public static string Yaml(IReadOnlyList<string> symbols, string exchange)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by sofia demo: the strategies each simulated market runs.");
        yaml.AppendLine("bar_interval: 1m");
        yaml.AppendLine("fusion:");
        yaml.AppendLine("  threshold: 0.2");
        yaml.AppendLine("symbols:");
        foreach (var symbol in symbols)
        {
            yaml.AppendLine($"  {symbol}:");
            yaml.AppendLine($"    exchange: {exchange}");
            yaml.AppendLine("    strategies:");
            yaml.AppendLine("      - { name: trend, weight: 1.0, params: { fast: 20, slow: 60 } }");
            yaml.AppendLine("      - { name: donchian, weight: 1.0, params: { period: 20, exit_period: 10 } }");
            yaml.AppendLine("      - { name: supertrend, weight: 1.0 }");
            yaml.AppendLine("      - { name: bollinger_revert, weight: 0.5 }");
            yaml.AppendLine("      - { name: rsi_revert, weight: 0.5 }");
        }

        return yaml.ToString();
    }
}
