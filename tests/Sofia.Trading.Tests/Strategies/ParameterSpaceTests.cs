using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Strategies;

public sealed class ParameterSpaceTests
{
    private static readonly string[] Zoo = ["trend", "donchian", "supertrend", "bollinger_revert", "rsi_revert", "grid", "pairs", "fused"];

    [Test]
    public void Every_registered_strategy_builds_from_its_defaults()
    {
        foreach (var descriptor in StrategyRegistry.All)
        {
            var strategy = descriptor.CreateDefault();
            Assert.That(strategy.Name, Is.EqualTo(descriptor.Name));
            Assert.That(strategy.SymbolCount, Is.EqualTo(descriptor.SymbolCount));
            Assert.That(strategy.Style, Is.EqualTo(descriptor.Style));
        }

        Assert.That(StrategyRegistry.All.Select(d => d.Name), Is.EqualTo(Zoo));
    }

    [Test]
    public void Every_parameter_bound_is_accepted()
    {
        foreach (var descriptor in StrategyRegistry.All)
        {
            foreach (var parameter in descriptor.Parameters)
            {
                Assert.That(parameter.Validate(parameter.Min), Is.Null, $"{descriptor.Name}.{parameter.Name} min");
                Assert.That(parameter.Validate(parameter.Max), Is.Null, $"{descriptor.Name}.{parameter.Name} max");
                Assert.That(parameter.Validate(parameter.Default), Is.Null, $"{descriptor.Name}.{parameter.Name} default");
            }
        }
    }

    [TestCase("fast", "1", "outside [2, 500]")]
    [TestCase("fast", "2.5", "not a whole number")]
    [TestCase("stop_atr", "0.3", "not on the grid")]
    [TestCase("regime", "moon", "choose one of none, sma, hurst")]
    [TestCase("nope", "1", "Unknown parameter 'nope'")]
    public void Bad_values_are_named(string name, string value, string message)
    {
        var space = TrendStrategy.Descriptor.Parameters;

        Assert.That(() => space.Bind(new Dictionary<string, string> { [name] = value }), Throws.TypeOf<StrategyParameterException>().With.Message.Contains(message));
    }

    [Test]
    public void Binding_text_and_numbers_agree_and_categoricals_bind_by_name()
    {
        var space = TrendStrategy.Descriptor.Parameters;
        var text = space.Bind(new Dictionary<string, string> { ["fast"] = "10", ["regime"] = "hurst" });
        var numbers = space.Bind(new Dictionary<string, double> { ["fast"] = 10, ["regime"] = 2 });

        Assert.That(text.ToString(), Is.EqualTo(numbers.ToString()));
        Assert.That(text.GetChoice("regime"), Is.EqualTo("hurst"));
        Assert.That(text.GetInt("slow"), Is.EqualTo(60));
    }

    [Test]
    public void Unknown_strategies_list_the_known_ones() =>
        Assert.That(() => StrategyRegistry.Get("macd"), Throws.TypeOf<StrategyParameterException>().With.Message.Contains("known: trend, donchian"));
}
