using System.Globalization;
using Sofia.Cli.Commands;
using Sofia.Cli.Output;
using Spectre.Console;

namespace Sofia.Cli.Demo;

/// <summary>
/// The live view: a table refreshed twice a second on a terminal, or one plain line every few seconds when the output
/// is redirected (logs and CI stay readable).
/// </summary>
internal sealed class DemoProgress(TextWriter output, bool interactive)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    /// <summary>Samples and shows frames until <paramref name="duration"/> has passed.</summary>
    public async Task RunAsync(Func<TimeSpan, CancellationToken, Task<DemoFrame>> sample, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (interactive)
        {
            var console = CliConsole.Over(output, interactive: true);
            var table = new Table();
            await console.Live(table).AutoClear(false).StartAsync(async context =>
            {
                await LoopAsync(async elapsed =>
                {
                    Render(table, await sample(elapsed, cancellationToken), duration);
                    context.Refresh();
                });
            });
        }
        else
        {
            var lastPrinted = TimeSpan.MinValue;
            await LoopAsync(async elapsed =>
            {
                var frame = await sample(elapsed, cancellationToken);
                if (lastPrinted == TimeSpan.MinValue || elapsed - lastPrinted >= PlainEvery)
                {
                    lastPrinted = elapsed;
                    await output.WriteLineAsync(Line(frame));
                }
            });
        }

        async Task LoopAsync(Func<TimeSpan, Task> step)
        {
            using var timer = new PeriodicTimer(Refresh, time);
            do
            {
                await step(time.GetElapsedTime(started));
            }
            while (time.GetElapsedTime(started) < duration && await timer.WaitForNextTickAsync(cancellationToken));
        }
    }

    public static string Line(DemoFrame frame)
    {
        var t = frame.Tape;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{frame.Elapsed.TotalSeconds,5:F0}s] exchange time {ExchangeTime(t)}  ticks {t.Ticks} ({frame.TicksPerSecond:F0}/s)  bars {t.Bars}  signals {t.Strategies.Values.Sum(s => s.Signals)}  orders {t.Strategies.Values.Sum(s => s.Intents)}  fills {t.Strategies.Values.Sum(s => s.Fills)}  risk rejections {t.Strategies.Values.Sum(s => s.Rejections)}");
        if (frame.Oms is { } oms)
        {
            line += "  PnL " + string.Join(' ', oms.Strategies.Select(s => $"{s.Strategy} {Signed(s.Pnl)}"));
            if (oms.KillSwitch)
            {
                line += $"  KILL SWITCH ({oms.KillSwitchReason})";
            }
        }

        return line;
    }

    private static void Render(Table table, DemoFrame frame, TimeSpan duration)
    {
        var t = frame.Tape;
        table.Rows.Clear();
        if (table.Columns.Count == 0)
        {
            table.Border = TableBorder.Simple;
            table.AddColumns("strategy", "signals", "orders", "fills", "rejected", "equity", "PnL", "return");
            table.Columns[0].NoWrap();
            foreach (var column in table.Columns.Skip(1))
            {
                column.RightAligned();
            }
        }

        var accounts = frame.Oms?.Strategies.ToDictionary(a => a.Strategy, StringComparer.Ordinal) ?? [];
        foreach (var name in t.Strategies.Keys.Union(accounts.Keys).Order(StringComparer.Ordinal))
        {
            var tally = t.Strategies.GetValueOrDefault(name) ?? new StrategyTally();
            var account = accounts.GetValueOrDefault(name);
            table.AddRow(
                Markup.Escape(name),
                Count(tally.Signals),
                Count(tally.Intents),
                Count(tally.Fills),
                Count(tally.Rejections),
                account is null ? "" : Formats.Money(account.Equity),
                account is null ? "" : Colored(account.Pnl),
                account is null ? "" : Formats.Percent(account.Return));
        }

        var kill = frame.Oms is { KillSwitch: true } oms ? $"  [red]kill switch: {Markup.Escape(oms.KillSwitchReason)}[/]" : "";
        table.Title = new TableTitle(string.Create(CultureInfo.InvariantCulture,
            $"sofia demo  {frame.Elapsed.TotalSeconds:F0}/{duration.TotalSeconds:F0}s  exchange time {ExchangeTime(t)}"));
        table.Caption = new TableTitle(string.Create(CultureInfo.InvariantCulture,
            $"ticks {t.Ticks} ({frame.TicksPerSecond:F0}/s)  bars {t.Bars}{kill}"));
    }

    private static string ExchangeTime(TapeSnapshot tape) => tape.Ticks == 0 ? "-" : Formats.Time(tape.LastTickTimeUs);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value >= 0 ? "+" : "") + Formats.Money(value);

    private static string Colored(decimal value) => value >= 0 ? $"[green]{Signed(value)}[/]" : $"[red]{Signed(value)}[/]";
}
