using Microsoft.Extensions.Options;
using Sofia.Contracts.V1;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Options;
using Sofia.Signals;

namespace Sofia.PaperOms.Workers;

/// <summary>
/// Replays the last hours of stored trades through the strategy plan (its order-placing strategies too when the OMS runs
/// them) and a paper engine restored to the OMS's state at the window start, and compares its fills with the OMS's
/// (<see cref="PaperReplayRun"/>, <see cref="PaperDivergence"/>).
/// </summary>
internal sealed class PaperReplayService(PaperOmsState state, IOptions<PaperOmsOptions> options, IServiceProvider services)
{
    private const long HourUs = 3_600_000_000L;

    /// <summary>The report, or why there is none (the API answers 409 with it).</summary>
    public async Task<(PaperReplayReport? Report, string? Problem)> RunAsync(int hours, CancellationToken cancellationToken)
    {
        if (services.GetService<IMarketHistory>() is not { } history)
        {
            return (null, "replay needs the stored market history: configure the ClickHouse section (ClickHouse:Url, ClickHouse:Database) the tick writer writes to");
        }

        if (options.Value.StrategiesPath is not { } planFile)
        {
            return (null, "replay needs the strategy plan: PaperOms:StrategiesFile is empty; set it to the signal hub's strategies file");
        }

        long lastTickUs;
        lock (state.Gate)
        {
            lastTickUs = state.Engine.LastTickTimeUs;
        }

        if (state.NotReadyReason is not null || lastTickUs <= 0)
        {
            return (null, "the paper OMS has not processed any trade yet: there is no window to compare");
        }

        var toUs = lastTickUs + 1;
        var fromUs = toUs - (hours * HourUs);
        var plan = StrategyPlan.Load(planFile);
        var records = await PaperRecords.ReadAsync(services.GetRequiredService<IMessageBus>(), cancellationToken);
        var warmFromUs = fromUs - (options.Value.ReplayWarmUpHours * HourUs);
        var run = new PaperReplayRun(options.Value.ToEngineSettings(), plan, options.Value.RunOrderStrategies, warmFromUs, fromUs, toUs, records);
        foreach (var market in plan.Markets)
        {
            await foreach (var trade in history.ReadTicksAsync(market.Exchange, market.Symbol, run.ReadFromUs(market.Exchange, market.Symbol), toUs, cancellationToken))
            {
                run.OnTrade(market.Exchange, market.Symbol, trade);
            }
        }

        var live = records.Select(r => r.Record).OfType<Fill>().Where(f => f.TimeUs >= fromUs && f.TimeUs < toUs);
        return (PaperDivergence.Compare(fromUs, toUs, run.TradesReplayed, live, run.Fills, run.LastPrices), null);
    }
}
