using System.Globalization;
using Sofia.Contracts;
using Sofia.Trading.Strategies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sofia.Signals.Internal;

/// <summary>Turns plan YAML into a <see cref="StrategyPlan"/>, walking the node tree so every error names its key path.</summary>
internal static class PlanYamlReader
{
    private static readonly string[] RootKeys = ["bar_interval", "fusion", "symbols"];
    private static readonly string[] MarketKeys = ["exchange", "fusion", "strategies"];
    private static readonly string[] StrategyKeys = ["name", "weight", "params"];
    private static readonly string[] FusionKeys = ["enabled", "threshold"];

    public static StrategyPlan Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new StrategyPlanException($"(line {e.Start.Line}): not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new StrategyPlanException("(root)", "must be a mapping with bar_interval, fusion and symbols");
        }

        CheckKeys(root, string.Empty, RootKeys);
        var interval = TimeSpan.FromMinutes(1);
        if (Child(root, "bar_interval") is { } intervalNode)
        {
            interval = ParseInterval(Scalar(intervalNode, "bar_interval"), "bar_interval");
        }

        var (enabled, threshold) = ReadFusion(Child(root, "fusion"), "fusion", true, StrategyPlan.DefaultFusionThreshold);
        if (Child(root, "symbols") is not YamlMappingNode symbols || symbols.Children.Count == 0)
        {
            throw new StrategyPlanException("symbols", "at least one symbol is required, e.g. BTC-USDT: { exchange: binance, strategies: [...] }");
        }

        var markets = new List<MarketPlan>();
        foreach (var (keyNode, value) in symbols.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var path = "symbols." + key;
            if (!Symbols.TryCanonicalize(key, out var canonical, out _) || !string.Equals(canonical, key, StringComparison.Ordinal))
            {
                throw new StrategyPlanException(path, "must be a canonical upper-case BASE-QUOTE symbol such as BTC-USDT");
            }

            markets.Add(ReadMarket(key, value, path, enabled, threshold));
        }

        return new StrategyPlan(interval, markets);
    }

    private static MarketPlan ReadMarket(string symbol, YamlNode node, string path, bool fusionEnabled, double fusionThreshold)
    {
        if (node is not YamlMappingNode market)
        {
            throw new StrategyPlanException(path, "must be a mapping with exchange and strategies");
        }

        CheckKeys(market, path, MarketKeys);
        var exchange = Child(market, "exchange") is { } exchangeNode ? Scalar(exchangeNode, path + ".exchange") : string.Empty;
        if (exchange.Length == 0 || exchange.Length > 32 || !exchange.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new StrategyPlanException(path + ".exchange", "is required: a lower-case exchange name such as binance");
        }

        var (enabled, threshold) = ReadFusion(Child(market, "fusion"), path + ".fusion", fusionEnabled, fusionThreshold);
        if (Child(market, "strategies") is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new StrategyPlanException(path + ".strategies", "at least one strategy is required, e.g. - { name: trend, params: { fast: 20, slow: 60 } }");
        }

        var entries = new List<StrategyEntry>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entryPath = $"{path}.strategies[{i}]";
            var entry = ReadStrategy(list.Children[i], entryPath);
            if (entries.Exists(e => e.Name == entry.Name))
            {
                throw new StrategyPlanException(entryPath + ".name", $"'{entry.Name}' is listed twice for this market (its signals share one subject)");
            }

            entries.Add(entry);
        }

        if (enabled && !entries.Exists(e => e.Weight > 0))
        {
            throw new StrategyPlanException(path + ".fusion", "needs a strategy with a weight above 0 (or set enabled: false)");
        }

        return new MarketPlan(exchange, symbol, entries, enabled, threshold);
    }

    private static StrategyEntry ReadStrategy(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            throw new StrategyPlanException(path, "must be a mapping with name, weight and params");
        }

        CheckKeys(map, path, StrategyKeys);
        var name = Child(map, "name") is { } nameNode ? Scalar(nameNode, path + ".name") : string.Empty;
        if (StrategyRegistry.Find(name) is not { } descriptor)
        {
            var known = string.Join(", ", StrategyRegistry.All.Where(d => d.SymbolCount == 1 && d.Name != Subjects.FusedStrategyName).Select(d => d.Name));
            throw new StrategyPlanException(path + ".name", name.Length == 0 ? $"is required (one of {known})" : $"unknown strategy '{name}' (one of {known})");
        }

        if (descriptor.SymbolCount != 1 || descriptor.Name == Subjects.FusedStrategyName)
        {
            throw new StrategyPlanException(path + ".name", descriptor.Name == Subjects.FusedStrategyName
                ? "'fused' is not a listed strategy: fusion of the market's strategies is set under 'fusion'"
                : $"'{name}' trades {descriptor.SymbolCount} symbols; a plan runs single-symbol strategies");
        }

        var weight = 1.0;
        if (Child(map, "weight") is { } weightNode)
        {
            var text = Scalar(weightNode, path + ".weight");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight < 0)
            {
                throw new StrategyPlanException(path + ".weight", $"must be a number ≥ 0 (got '{text}')");
            }
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(map, "params") is { } paramsNode)
        {
            if (paramsNode is not YamlMappingNode paramMap)
            {
                throw new StrategyPlanException(path + ".params", "must be a mapping of parameter name to value");
            }

            foreach (var (keyNode, valueNode) in paramMap.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                var paramPath = $"{path}.params.{key}";
                var value = Scalar(valueNode, paramPath);
                if (CheckParameter(descriptor, key, value) is { } error)
                {
                    throw new StrategyPlanException(paramPath, error);
                }

                parameters[key] = value;
            }
        }

        try
        {
            return new StrategyEntry(name, weight, parameters);
        }
        catch (StrategyParameterException e)
        {
            throw new StrategyPlanException(path + ".params", e.Message, e);
        }
    }

    /// <summary>Null when <paramref name="value"/> is valid for <paramref name="name"/>, else why not.</summary>
    public static string? CheckParameter(StrategyDescriptor descriptor, string name, string value)
    {
        var index = descriptor.Parameters.IndexOf(name);
        if (index < 0)
        {
            var known = string.Join(", ", descriptor.Parameters.Select(p => p.Name));
            return known.Length == 0 ? $"unknown parameter: {descriptor.Name} takes none" : $"unknown parameter of {descriptor.Name} (known: {known})";
        }

        var definition = descriptor.Parameters[index];
        if (definition.TryParse(value, out _, out var error))
        {
            return null;
        }

        var rule = definition.Kind switch
        {
            ParameterKind.Whole => $"must be an integer in {definition.DescribeRange()}",
            ParameterKind.Categorical => $"must be one of {definition.DescribeRange()}",
            _ => $"must be a number in {definition.DescribeRange()}",
        };
        return $"{rule}; {error}";
    }

    private static (bool Enabled, double Threshold) ReadFusion(YamlNode? node, string path, bool enabled, double threshold)
    {
        if (node is null)
        {
            return (enabled, threshold);
        }

        if (node is not YamlMappingNode map)
        {
            throw new StrategyPlanException(path, "must be a mapping with enabled and threshold");
        }

        CheckKeys(map, path, FusionKeys);
        if (Child(map, "enabled") is { } enabledNode)
        {
            var text = Scalar(enabledNode, path + ".enabled");
            if (!bool.TryParse(text, out enabled))
            {
                throw new StrategyPlanException(path + ".enabled", $"must be true or false (got '{text}')");
            }
        }

        if (Child(map, "threshold") is { } thresholdNode)
        {
            var text = Scalar(thresholdNode, path + ".threshold");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !(threshold >= 0 && threshold <= 1))
            {
                throw new StrategyPlanException(path + ".threshold", $"must be a number in [0, 1] (got '{text}')");
            }
        }

        return (enabled, threshold);
    }

    private static TimeSpan ParseInterval(string text, string path)
    {
        var problem = "must be a whole number of s, m, h or d, such as 1m, 5m or 1h";
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            throw new StrategyPlanException(path, $"{problem} (got '{text}')");
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => throw new StrategyPlanException(path, $"{problem} (got '{text}')"),
        };
    }

    private static void CheckKeys(YamlMappingNode map, string path, string[] known)
    {
        foreach (var keyNode in map.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(known, key) < 0)
            {
                var keyPath = path.Length == 0 ? key : path + "." + key;
                throw new StrategyPlanException(keyPath, $"unknown key (known: {string.Join(", ", known)})");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } value } ? value.Trim() : throw new StrategyPlanException(path, "must be a single value");
}
