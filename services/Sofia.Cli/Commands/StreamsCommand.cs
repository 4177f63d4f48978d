using System.CommandLine;
using System.Text.Json;
using Sofia.Cli.Operations;
using Sofia.Cli.Output;
using Sofia.Nats;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary><c>sofia streams</c>: the streams (subjects, messages, bytes), their consumers (pending, ack-pending, redelivered) and KV buckets.</summary>
internal static class StreamsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var nats = new Option<string>("--nats") { Description = "NATS server URL.", DefaultValueFactory = _ => DefaultNatsUrl() };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("streams", "List JetStream streams, their consumers and KV buckets.") { nats, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(nats)!;
            BusInventory inventory;
            try
            {
                inventory = await BusInventory.ReadAsync(url, cancellationToken);
            }
            catch (NatsException ex)
            {
                await error.WriteLineAsync($"error: cannot read streams from {url}: {ex.Message}");
                return ExitCodes.Unavailable;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(inventory, CliJson.Options));
            }
            else
            {
                Write(inventory, output);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The URL services use (SOFIA_Nats__Url) when set, else the local default.</summary>
    public static string DefaultNatsUrl() =>
        Environment.GetEnvironmentVariable("SOFIA_Nats__Url") is { Length: > 0 } url ? url : "nats://127.0.0.1:4222";

    private static void Write(BusInventory inventory, TextWriter output)
    {
        var console = CliConsole.Over(output, interactive: false);
        console.Profile.Width = 200;
        var streams = new Table().AddColumns("stream", "subjects", "messages", "bytes", "consumers");
        foreach (var s in inventory.Streams)
        {
            streams.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Subjects), Count(s.Messages), Count(s.Bytes), Count((ulong)s.Consumers));
        }

        var consumers = new Table().AddColumns("stream", "consumer", "pending", "ack pending", "redelivered");
        foreach (var c in inventory.Consumers)
        {
            consumers.AddRow(Markup.Escape(c.Stream), Markup.Escape(c.Name), Count(c.Pending), Count((ulong)c.AckPending), Count((ulong)c.Redelivered));
        }

        var buckets = new Table().AddColumns("bucket", "keys", "values", "bytes");
        foreach (var b in inventory.Buckets)
        {
            buckets.AddRow(Markup.Escape(b.Name), Count((ulong)b.Keys), Count(b.Values), Count(b.Bytes));
        }

        console.Write(streams);
        console.Write(consumers);
        console.Write(buckets);
    }

    private static string Count(ulong value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
