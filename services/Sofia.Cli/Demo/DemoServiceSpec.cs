using Microsoft.AspNetCore.Builder;

namespace Sofia.Cli.Demo;

/// <summary>
/// How the demo hosts one service: its name, its assembly (the host's application name, as in its own process), its
/// configuration (all of it, in memory), registration and endpoints.
/// </summary>
internal sealed record DemoServiceSpec(
    string Name,
    System.Reflection.Assembly Assembly,
    IReadOnlyDictionary<string, string?> Configuration,
    Action<WebApplicationBuilder> Register,
    Action<WebApplication> Map);
