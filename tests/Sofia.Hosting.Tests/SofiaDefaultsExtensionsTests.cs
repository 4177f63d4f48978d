using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sofia.Hosting.Tests;

[TestFixture]
public sealed class SofiaDefaultsExtensionsTests
{
    [Test]
    public void Sofia_environment_variables_map_to_keys_with_double_underscore_as_colon()
    {
        const string variable = "SOFIA_HOSTINGTESTS__MAPPED__VALUE";
        Environment.SetEnvironmentVariable(variable, "42");
        try
        {
            var builder = TestHosts.CreateBuilder();

            Assert.That(builder.Configuration["HostingTests:Mapped:Value"], Is.EqualTo("42"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void Command_line_arguments_override_sofia_environment_variables()
    {
        const string variable = "SOFIA_HostingTests__Override";
        Environment.SetEnvironmentVariable(variable, "environment");
        try
        {
            var builder = TestHosts.CreateBuilder(args: ["--HostingTests:Override=command-line"]);

            Assert.That(builder.Configuration["HostingTests:Override"], Is.EqualTo("command-line"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void Shutdown_timeout_comes_from_the_hosting_section()
    {
        using var app = TestHosts.Build(TestHosts.CreateBuilder(new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "7" }));

        Assert.That(app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Shutdown_timeout_defaults_to_25_seconds()
    {
        using var app = TestHosts.Build(TestHosts.CreateBuilder());

        Assert.That(app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(25)));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Shutdown_timeout_out_of_range_stops_start_up_naming_key_and_rule(CancellationToken cancellationToken)
    {
        await using var app = TestHosts.Build(TestHosts.CreateBuilder(new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "0" }));

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(cancellationToken));

        Assert.That(error.Message, Is.EqualTo("Hosting:ShutdownTimeoutSeconds: must be a whole number of seconds between 1 and 600"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Worker_host_without_a_web_server_takes_the_defaults(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", Args = [] });
        builder.AddSofiaDefaults();
        using var host = builder.Build();

        await host.StartAsync(cancellationToken);
        await host.StopAsync(cancellationToken);

        Assert.That(host.Services.GetRequiredService<IOptions<SofiaHostOptions>>().Value.ShutdownTimeoutSeconds, Is.EqualTo(25));
    }
}
