using Sofia.Trading.Strategies;

namespace Sofia.Cli.Tests;

public sealed class StrategiesCommandTests
{
    [Test]
    public async Task Lists_every_strategy_with_its_parameters_ranges_and_defaults()
    {
        var (code, stdout, _) = await CliRun.RunAsync("strategies");

        Assert.That(code, Is.Zero);
        foreach (var strategy in StrategyRegistry.All)
        {
            Assert.That(stdout, Does.Contain(strategy.Name + " ("));
            foreach (var parameter in strategy.Parameters)
            {
                Assert.That(stdout, Does.Contain(parameter.Name).And.Contain(parameter.DescribeRange()));
            }
        }

        Assert.That(stdout, Does.Contain("{none, sma, hurst}"));
    }
}
