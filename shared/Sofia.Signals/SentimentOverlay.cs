namespace Sofia.Signals;

/// <summary>
/// Scales the fused confidence by the latest news sentiment of the symbol (<c>news.scored.{symbol}</c>). With s the
/// score in [−1, 1], c the scorer's confidence in [0, 1] and v the fused vote, the multiplier is
/// <c>m = 1 + k · s · c · sign(v)</c> (k = <see cref="Sensitivity"/>), so news that agrees with the vote raises the
/// confidence by up to k and news against it lowers it by up to k; the fused confidence is
/// <c>min(1, |v| · m)</c>. Direction and strength never change. A score counts from its own time for
/// <see cref="Expiry"/> (measured against the bar's close time, so a replay scales as live did); after that, or
/// with no score, m = 1. A later score replaces an earlier one; an older one is ignored. Thread-safe.
/// </summary>
public sealed class SentimentOverlay
{
    private readonly Dictionary<string, Score> _latest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates the overlay.</summary>
    /// <param name="sensitivity">k in [0, 1]: the largest relative change of confidence.</param>
    /// <param name="expiry">How long a score counts; null for 6 hours.</param>
    public SentimentOverlay(double sensitivity = 0.5, TimeSpan? expiry = null)
    {
        if (!(sensitivity >= 0 && sensitivity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "Sensitivity is in [0, 1].");
        }

        Sensitivity = sensitivity;
        Expiry = expiry ?? TimeSpan.FromHours(6);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Expiry, TimeSpan.Zero, nameof(expiry));
    }

    /// <summary>k: the largest relative change of confidence.</summary>
    public double Sensitivity { get; }

    /// <summary>How long a score counts after its time.</summary>
    public TimeSpan Expiry { get; }

    /// <summary>Records a score; returns false when an equally recent or later one is already held.</summary>
    public bool Update(string symbol, double score, double confidence, long timeUs)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var value = new Score(Math.Clamp(double.IsFinite(score) ? score : 0, -1, 1), Math.Clamp(double.IsFinite(confidence) ? confidence : 0, 0, 1), timeUs);
        lock (_gate)
        {
            if (_latest.TryGetValue(symbol, out var held) && held.TimeUs >= timeUs)
            {
                return false;
            }

            _latest[symbol] = value;
            return true;
        }
    }

    /// <summary>The multiplier m for a vote of sign <paramref name="vote"/> at <paramref name="atUs"/>.</summary>
    public double Multiplier(string symbol, double vote, long atUs)
    {
        Score score;
        lock (_gate)
        {
            if (!_latest.TryGetValue(symbol, out score))
            {
                return 1;
            }
        }

        var age = atUs - score.TimeUs;
        if (age < 0 || age >= Expiry.Ticks / 10 || vote == 0)
        {
            return 1;
        }

        return 1 + (Sensitivity * score.Value * score.Confidence * Math.Sign(vote));
    }

    /// <summary>The fused confidence min(1, |vote| · m).</summary>
    public double Scale(string symbol, double vote, long atUs) => Math.Min(1, Math.Abs(vote) * Multiplier(symbol, vote, atUs));

    private readonly record struct Score(double Value, double Confidence, long TimeUs);
}
