namespace Sofia.Cli.Tests;

public sealed class SimulateExchangeCommandTests
{
    [Test]
    public async Task Passes_its_options_to_the_simulator_which_rejects_unknown_ones_with_exit_code_2()
    {
        var (code, _, _) = await CliRun.RunAsync("simulate-exchange", "--tps", "not-a-number");

        Assert.That(code, Is.EqualTo(2));
    }
}
