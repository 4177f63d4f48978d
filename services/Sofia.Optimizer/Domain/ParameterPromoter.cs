using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.Optimization.Promotion;
using Sofia.Optimization.Reporting;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Puts the best promotable winner of a study into the promoted-parameters bucket (key <c>{strategy}.{symbol}</c>,
/// value the JSON the signal hub reads). A study with no promotable winner leaves the key as it was.
/// </summary>
internal sealed class ParameterPromoter(IMessageBus bus, ILogger<ParameterPromoter> logger, OptimizerMetrics metrics)
{
    public async ValueTask<bool> PromoteAsync(StudySummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var winner = summary.Winners.FirstOrDefault(w => w.Promotable);
        if (winner is null)
        {
            return false;
        }

        var bucket = await bus.KeyValueAsync(KvBuckets.PromotedParameters, cancellationToken);
        var key = PromotedParameters.Key(summary.Strategy, summary.Symbol);
        await bucket.PutAsync(key, PromotedParameters.ToJson(winner.Parameters), cancellationToken);
        var text = winner.Parameters.ToString();
        OptimizerLog.Promoted(logger, key, text);
        metrics.Promoted();
        return true;
    }
}
