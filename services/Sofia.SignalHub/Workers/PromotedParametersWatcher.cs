using Sofia.Messaging;
using Sofia.SignalHub.Domain;
using Sofia.Signals;

namespace Sofia.SignalHub.Workers;

/// <summary>
/// Feeds the promoted-parameters bucket to the engine: every current value at start, then every change. A value for a
/// strategy and symbol of the plan is validated and queued for the next bar; a bad one is logged and the parameters in
/// force stay; a delete goes back to the plan's values. Keys of other strategies or symbols are not this hub's.
/// </summary>
internal sealed class PromotedParametersWatcher(SignalEngine engine, ILogger<PromotedParametersWatcher> logger)
{
    private readonly Dictionary<string, ulong> _applied = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task LoadAsync(IBusKeyValue bucket, CancellationToken cancellationToken)
    {
        await foreach (var key in bucket.GetKeysAsync(cancellationToken))
        {
            if (await bucket.GetAsync(key, cancellationToken) is { } entry)
            {
                Apply(entry);
            }
        }
    }

    public async Task WatchAsync(IBusKeyValue bucket, CancellationToken cancellationToken)
    {
        await foreach (var entry in bucket.WatchAsync(">", cancellationToken))
        {
            Apply(entry);
        }
    }

    /// <summary>The last revision of <paramref name="key"/> handled (applied, reverted or rejected), 0 when none.</summary>
    public ulong HandledRevision(string key)
    {
        lock (_gate)
        {
            return _applied.GetValueOrDefault(key);
        }
    }

    public void Apply(BusKvEntry entry)
    {
        if (!PromotedParameters.TryParseKey(entry.Key, out var strategy, out var symbol)
            || engine.Plan.Find(symbol)?.Find(strategy) is null)
        {
            return;
        }

        lock (_gate)
        {
            // The watch restates values already loaded; a revision is applied once.
            if (_applied.TryGetValue(entry.Key, out var revision) && revision >= entry.Revision)
            {
                return;
            }

            _applied[entry.Key] = entry.Revision;
        }

        if (entry.Deleted)
        {
            engine.TryPromote(strategy, symbol, new Dictionary<string, string>(), out _);
            SignalHubLog.ParametersReverted(logger, strategy, symbol);
            return;
        }

        if (!PromotedParameters.TryParseValue(entry.Value.Span, out var parameters, out var error))
        {
            SignalHubLog.ParametersRejected(logger, entry.Key, error!);
            return;
        }

        if (engine.TryPromote(strategy, symbol, parameters, out error) is { } accepted)
        {
            var described = accepted.Bound.ToString();
            SignalHubLog.ParametersPromoted(logger, strategy, symbol, described);
        }
        else
        {
            SignalHubLog.ParametersRejected(logger, entry.Key, error!);
        }
    }
}
