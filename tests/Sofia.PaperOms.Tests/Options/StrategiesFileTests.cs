using Microsoft.Extensions.Options;
using Sofia.PaperOms.Options;
using Sofia.PaperOms.Tests.Service;
using Sofia.Testing;

namespace Sofia.PaperOms.Tests.Options;

/// <summary>The OMS reads the signal hub's plan: by default the copy it ships, and a bad one stops start-up.</summary>
public sealed class StrategiesFileTests
{
    [Test]
    public void By_default_the_OMS_reads_the_signal_hubs_plan_shipped_beside_it()
    {
        var shipped = new PaperOmsOptions().StrategiesPath;
        var hubPlan = Path.Combine(RepositoryPaths.Root, "services", "Sofia.SignalHub", "strategies.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(shipped, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "strategies.yaml")));
            Assert.That(File.ReadAllText(shipped!), Is.EqualTo(File.ReadAllText(hubPlan)));
            Assert.That(new StrategiesFileValidator().Validate(null, new PaperOmsOptions()).Succeeded, Is.True);
        });
    }

    [Test]
    public void An_empty_plan_setting_turns_the_plan_off_and_passes_validation()
    {
        var options = new PaperOmsOptions { StrategiesFile = "" };
        Assert.Multiple(() =>
        {
            Assert.That(options.StrategiesPath, Is.Null);
            Assert.That(new StrategiesFileValidator().Validate(null, options).Skipped, Is.True);
        });
    }

    [Test]
    public void A_missing_plan_stops_start_up_naming_the_key_and_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"sofia-no-plan-{Guid.NewGuid():N}.yaml");
        var config = new Dictionary<string, string?>
        {
            ["Nats:Url"] = "nats://127.0.0.1:1",
            ["PaperOms:ApiKey"] = PaperSession.ApiKey,
            ["PaperOms:StrategiesFile"] = missing,
        };

        var error = Assert.ThrowsAsync<OptionsValidationException>(async () => await (await PaperOmsHost.StartAsync(config, CancellationToken.None)).DisposeAsync());
        Assert.That(error!.Message, Does.Contain("PaperOms:StrategiesFile").And.Contain(missing));
    }
}
