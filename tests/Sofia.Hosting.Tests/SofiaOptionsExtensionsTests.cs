using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sofia.Hosting.Tests;

[TestFixture]
public sealed class SofiaOptionsExtensionsTests
{
    [Test]
    public void Options_bind_from_the_named_section()
    {
        using var host = BuildHost(new() { ["Sofia:Feed:Url"] = "https://example.org/rss", ["Sofia:Feed:Retries"] = "5", ["Sofia:Feed:Names:0"] = "coindesk" });

        var options = host.Services.GetRequiredService<IOptions<FeedOptions>>().Value;

        Assert.That(options, Is.EqualTo(new FeedOptions { Url = "https://example.org/rss", Retries = 5, Names = options.Names }));
        Assert.That(options.Names, Is.EqualTo((string[])["coindesk"]));
    }

    [Test]
    [CancelAfter(30_000)]
    public void Start_fails_with_messages_naming_each_key_and_rule(CancellationToken cancellationToken)
    {
        using var host = BuildHost(new() { ["Sofia:Feed:Retries"] = "0" });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(cancellationToken));

        Assert.That(error.Failures, Is.EquivalentTo((string[])
        [
            "Sofia:Feed:Url: is required",
            "Sofia:Feed:Retries: must be between 1 and 10",
        ]));
    }

    [Test]
    [CancelAfter(30_000)]
    public void Start_fails_naming_the_indexed_key_a_custom_rule_rejects(CancellationToken cancellationToken)
    {
        using var host = BuildHost(new() { ["Sofia:Feed:Url"] = "https://example.org/rss", ["Sofia:Feed:Names:0"] = "ok", ["Sofia:Feed:Names:1"] = "Not OK" });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(cancellationToken));

        Assert.That(error.Message, Is.EqualTo("Sofia:Feed:Names:1: 'Not OK' must be lower-case without spaces"));
    }

    [Test]
    [CancelAfter(30_000)]
    public void Start_fails_naming_the_key_whose_value_does_not_convert(CancellationToken cancellationToken)
    {
        using var host = BuildHost(new() { ["Sofia:Feed:Url"] = "https://example.org/rss", ["Sofia:Feed:Retries"] = "three" });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(cancellationToken));

        Assert.That(error.Message, Does.Contain("'three'").And.Contain("'Sofia:Feed:Retries'").And.Contain("System.Int32"));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSofiaOptions<FeedOptions>("Sofia:Feed");
        return builder.Build();
    }

    private sealed record FeedOptions : IValidatableObject
    {
        [Required(ErrorMessage = "is required")]
        public string? Url { get; init; }

        [System.ComponentModel.DataAnnotations.Range(1, 10, ErrorMessage = "must be between {1} and {2}")]
        public int Retries { get; init; } = 3;

        public IReadOnlyList<string> Names { get; init; } = [];

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            for (var i = 0; i < Names.Count; i++)
            {
                if (Names[i].Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)))
                {
                    yield return new ValidationResult($"'{Names[i]}' must be lower-case without spaces", [$"{nameof(Names)}:{i}"]);
                }
            }
        }
    }
}
