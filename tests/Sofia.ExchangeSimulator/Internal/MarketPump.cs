using Microsoft.Extensions.Hosting;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>Advances the market every pump interval of the simulator's clock (a fake clock drives it in tests).</summary>
internal sealed class MarketPump(SimulatorHub hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(hub.Options.PumpInterval, hub.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    hub.Pump();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.PumpFailed(hub.Logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
