using System.CommandLine;
using System.Text.Json;
using Sofia.Cli.Operations;
using Sofia.Cli.Output;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary><c>sofia status</c>: each service's <c>/health/ready</c>, with the reason when it is not ready.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output)
    {
        var services = new Option<string[]>("--service")
        {
            Description = "name=url of a service to probe (repeatable); default: the local ports of scripts/run-local.sh.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("status", "Show whether each service is ready (GET /health/ready).") { services, json };
        command.Validators.Add(result =>
        {
            foreach (var value in result.GetValue(services) ?? [])
            {
                if (!TryParse(value, out _, out _))
                {
                    result.AddError($"--service '{value}' must be name=http://host:port/");
                }
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(services) ?? [];
            var targets = given.Length == 0 ? ServiceEndpoints.Local : [.. given.Select(Parse)];
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var statuses = await Task.WhenAll(targets.Select(t => ServiceStatus.ProbeAsync(http, t.Name, t.Url, cancellationToken)));
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(statuses, CliJson.Options));
            }
            else
            {
                var console = CliConsole.Over(output, interactive: false);
                console.Profile.Width = 200;
                var table = new Table().AddColumns("service", "url", "ready", "detail");
                foreach (var s in statuses)
                {
                    table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Url.ToString()), Markup.Escape(s.Status), Markup.Escape(s.Detail));
                }

                console.Write(table);
            }

            return statuses.All(s => s.IsReady) ? ExitCodes.Success : ExitCodes.Unavailable;
        });
        return command;
    }

    private static (string Name, Uri Url) Parse(string value)
    {
        if (!TryParse(value, out var name, out var url))
        {
            throw new ArgumentException($"--service '{value}' must be name=http://host:port/", nameof(value));
        }

        return (name, url!);
    }

    private static bool TryParse(string value, out string name, out Uri? url)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        name = equals > 0 ? value[..equals] : "";
        url = null;
        return equals > 0
            && Uri.TryCreate(value[(equals + 1)..], UriKind.Absolute, out url)
            && url.Scheme is "http" or "https";
    }
}
