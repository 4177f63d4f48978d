using System.Diagnostics.Metrics;
using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms;

/// <summary>The paper OMS's instruments, under the meter named after its assembly.</summary>
internal sealed class PaperOmsMetrics
{
    public const string MeterName = "Sofia.PaperOms";

    private readonly Counter<long> _orders;
    private readonly Counter<long> _fills;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _tickToFill;
    private int _killSwitch;

    public PaperOmsMetrics(IMeterFactory meterFactory, PaperOmsState state)
    {
        var meter = meterFactory.Create(MeterName);
        _orders = meter.CreateCounter<long>("sofia.paperoms.orders", "{order}", "Orders accepted by the risk checks.");
        _fills = meter.CreateCounter<long>("sofia.paperoms.fills", "{fill}", "Simulated fills.");
        _rejections = meter.CreateCounter<long>("sofia.paperoms.rejections", "{order}", "Orders rejected by a risk rule, by reason.");
        _duplicates = meter.CreateCounter<long>("sofia.paperoms.duplicate_signals", "{signal}", "Redelivered signals acknowledged without trading.");
        _tickToFill = meter.CreateHistogram("sofia.paperoms.tick_to_fill.duration", "s", "From our receive time of the filling tick to the stored fill.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        meter.CreateObservableGauge("sofia.paperoms.missing_records", () => state.MissingRecords.Sum(m => (long)m.Count), "{record}",
            "Records the last rebuild found missing from the orders and fills streams (lost in a double fault).");
        meter.CreateObservableGauge("sofia.paperoms.kill_switch", () => Volatile.Read(ref _killSwitch), "{state}", "1 while the kill switch is engaged.");
        meter.CreateObservableGauge("sofia.paperoms.pnl", () => Observe(state, b => b.Ledger.Equity - b.Ledger.Deposits), "USD", "Net PnL (realized + unrealized − fees) per book.");
        meter.CreateObservableGauge("sofia.paperoms.exposure", () => Observe(state, b => b.Ledger.GrossExposure), "USD", "Gross exposure per book.");
        meter.CreateObservableGauge("sofia.paperoms.k_factor", () => Observe(state, b => b.Ramp.Factor), "1", "K-factor per book.");
    }

    public void KillSwitch(bool engaged) => Volatile.Write(ref _killSwitch, engaged ? 1 : 0);

    public void DuplicateSignal() => _duplicates.Add(1);

    public void Published(PaperOutput output, DateTimeOffset now)
    {
        switch (output.Message)
        {
            case Fill fill:
                _fills.Add(1, new KeyValuePair<string, object?>("strategy", fill.Strategy));
                if (fill.TickReceiveTimeUs > 0)
                {
                    _tickToFill.Record(Math.Max(0, (now.ToUnixTimeMilliseconds() * 1000) - fill.TickReceiveTimeUs) / 1e6);
                }

                break;
            case OrderEvent { Status: OrderStatus.Accepted } accepted:
                _orders.Add(1, new KeyValuePair<string, object?>("strategy", accepted.Strategy));
                break;
            case OrderEvent { Status: OrderStatus.Rejected } rejected:
                _rejections.Add(1, new KeyValuePair<string, object?>("reason", rejected.ReasonCode));
                break;
        }
    }

    private static List<Measurement<double>> Observe(PaperOmsState state, Func<PaperBook, decimal> value)
    {
        lock (state.Gate)
        {
            var measurements = new List<Measurement<double>>();
            foreach (var book in state.Engine.Books)
            {
                measurements.Add(new Measurement<double>((double)value(book),
                    new KeyValuePair<string, object?>("strategy", book.Key.Strategy),
                    new KeyValuePair<string, object?>("symbol", book.Key.Symbol)));
            }

            return measurements;
        }
    }
}
