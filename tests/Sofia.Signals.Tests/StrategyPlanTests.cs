using Sofia.Trading.Strategies;

namespace Sofia.Signals.Tests;

[TestFixture]
public sealed class StrategyPlanTests
{
    private const string Valid = """
        bar_interval: 5m
        fusion: { threshold: 0.3 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, weight: 2, params: { fast: 10, slow: 30 } }
              - name: rsi_revert
          ETH-USDT:
            exchange: okx
            fusion: { enabled: false }
            strategies:
              - { name: donchian, weight: 0 }
        """;

    [Test]
    public void Plan_reads_interval_markets_strategies_weights_parameters_and_fusion()
    {
        var plan = StrategyPlan.Parse(Valid);

        Assert.That(plan.BarInterval, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(plan.Markets.Select(m => (m.Symbol, m.Exchange)), Is.EqualTo(new[] { ("BTC-USDT", "binance"), ("ETH-USDT", "okx") }));
        var btc = plan.Find("BTC-USDT")!;
        Assert.That(btc.Strategies.Select(s => s.Name), Is.EqualTo((string[])["trend", "rsi_revert"]));
        Assert.That(btc.Strategies[0].Weight, Is.EqualTo(2));
        Assert.That(btc.Strategies[1].Weight, Is.EqualTo(1), "weight defaults to 1");
        Assert.That(btc.Strategies[0].Bound.GetInt("fast"), Is.EqualTo(10));
        Assert.That(btc.Strategies[0].Bound.GetInt("slow"), Is.EqualTo(30));
        Assert.That(btc.Strategies[1].Bound.GetInt("period"), Is.EqualTo((int)RsiRevertStrategy.Descriptor.Parameters[RsiRevertStrategy.Descriptor.Parameters.IndexOf("period")].Default));
        Assert.That((btc.FusionEnabled, btc.FusionThreshold), Is.EqualTo((true, 0.3)));
        Assert.That(plan.Find("ETH-USDT")!.FusionEnabled, Is.False);
    }

    [Test]
    public void Plan_defaults_to_one_minute_bars_and_the_registry_threshold()
    {
        var plan = StrategyPlan.Parse("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend } ] } }");

        Assert.That(plan.BarInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(plan.Markets[0].FusionThreshold, Is.EqualTo(0.2));
    }

    [TestCase("bar_interval: 7x\nsymbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend } ] } }", "bar_interval", "whole number")]
    [TestCase("symbols: {}", "symbols", "at least one symbol")]
    [TestCase("colour: red\nsymbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend } ] } }", "colour", "unknown key")]
    [TestCase("symbols: { btcusdt: { exchange: binance, strategies: [ { name: trend } ] } }", "symbols.btcusdt", "canonical")]
    [TestCase("symbols: { BTC-USDT: { strategies: [ { name: trend } ] } }", "symbols.BTC-USDT.exchange", "is required")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [] } }", "symbols.BTC-USDT.strategies", "at least one strategy")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend }, { name: moon } ] } }", "symbols.BTC-USDT.strategies[1].name", "unknown strategy 'moon'")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend }, { name: trend, params: { fast: 1 } } ] } }", "symbols.BTC-USDT.strategies[1].params.fast", "must be an integer in [2, 500]")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, params: { fast: abc } } ] } }", "symbols.BTC-USDT.strategies[0].params.fast", "not a number")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, params: { speed: 3 } } ] } }", "symbols.BTC-USDT.strategies[0].params.speed", "unknown parameter")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, params: { fast: 50, slow: 40 } } ] } }", "symbols.BTC-USDT.strategies[0].params", "smaller than 'slow'")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, weight: -1 } ] } }", "symbols.BTC-USDT.strategies[0].weight", "≥ 0")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend }, { name: trend } ] } }", "symbols.BTC-USDT.strategies[1].name", "listed twice")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: pairs } ] } }", "symbols.BTC-USDT.strategies[0].name", "2 symbols")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: fused } ] } }", "symbols.BTC-USDT.strategies[0].name", "fusion")]
    [TestCase("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, weight: 0 } ] } }", "symbols.BTC-USDT.fusion", "weight above 0")]
    [TestCase("fusion: { threshold: 2 }\nsymbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend } ] } }", "fusion.threshold", "[0, 1]")]
    public void Plan_errors_name_the_offending_key(string yaml, string keyPath, string problem)
    {
        var error = Assert.Throws<StrategyPlanException>(() => StrategyPlan.Parse(yaml))!;

        Assert.That(error.KeyPath, Is.EqualTo(keyPath));
        Assert.That(error.Message, Does.StartWith(keyPath + ": ").And.Contain(problem));
    }

    [Test]
    public void Plan_that_is_not_yaml_is_reported_with_its_line()
    {
        var error = Assert.Throws<StrategyPlanException>(() => StrategyPlan.Parse("symbols: [ { a: 1 \n"))!;

        Assert.That(error.Message, Does.Contain("not valid YAML"));
    }

    [Test]
    public void Plan_file_that_does_not_exist_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml");

        var error = Assert.Throws<StrategyPlanException>(() => StrategyPlan.Load(path))!;

        Assert.That(error.Message, Does.Contain(path));
    }
}
