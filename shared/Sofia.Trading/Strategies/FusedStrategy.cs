namespace Sofia.Trading.Strategies;

/// <summary>
/// Signal fusion (<c>fused</c>): each member strategy decides on the same bar; the fused exposure is the weighted mean
/// of the members' signed exposures, Σ wᵢ · directionᵢ · strengthᵢ / Σ wᵢ, in [−1, 1]. Its sign is the direction and
/// its magnitude the confidence that scales the position; below <c>threshold</c> the target is flat. Members only vote:
/// their orders are never executed (an <see cref="ExecutionStyle.Orders"/> member such as the grid votes with its
/// signal), and each sees its own empty account.
/// </summary>
public sealed class FusedStrategy : IStrategy
{
    private static readonly string[] MemberNames = ["trend", "donchian", "supertrend", "bollinger_revert", "rsi_revert", "grid"];
    private readonly IStrategy[] _members;
    private readonly double[] _weights;
    private readonly StrategyContext[] _contexts;
    private readonly double _totalWeight;
    private readonly double _threshold;

    /// <summary>Creates a fusion of <paramref name="members"/>; <paramref name="threshold"/> in [0, 1].</summary>
    public FusedStrategy(IReadOnlyList<FusionMember> members, double threshold = 0.2)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        _members = new IStrategy[members.Count];
        _weights = new double[members.Count];
        _contexts = new StrategyContext[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].Strategy.SymbolCount != 1)
            {
                throw new ArgumentException($"Member '{members[i].Strategy.Name}' trades {members[i].Strategy.SymbolCount} symbols; fusion members trade one.", nameof(members));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(members[i].Weight);
            _members[i] = members[i].Strategy;
            _weights[i] = members[i].Weight;
            _contexts[i] = new StrategyContext(1, allowShort: true, ordersEnabled: false);
            _totalWeight += members[i].Weight;
        }

        if (_totalWeight <= 0)
        {
            throw new StrategyParameterException("Fusion needs at least one member with a positive weight.");
        }

        _threshold = threshold;
    }

    /// <summary>The registry entry: every single-symbol strategy of the zoo at its defaults, weighted.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "fused",
        "fusion",
        "Weighted vote of trend, donchian, supertrend, bollinger_revert, rsi_revert and grid; confidence scales the size.",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Real("w_trend", 0, 10, 1, "weight of trend (defaults)", 0.1),
            ParameterDefinition.Real("w_donchian", 0, 10, 1, "weight of donchian (defaults)", 0.1),
            ParameterDefinition.Real("w_supertrend", 0, 10, 1, "weight of supertrend (defaults)", 0.1),
            ParameterDefinition.Real("w_bollinger_revert", 0, 10, 1, "weight of bollinger_revert (defaults)", 0.1),
            ParameterDefinition.Real("w_rsi_revert", 0, 10, 1, "weight of rsi_revert (defaults)", 0.1),
            ParameterDefinition.Real("w_grid", 0, 10, 1, "weight of grid's wanted inventory (defaults)", 0.1),
            ParameterDefinition.Real("threshold", 0, 1, 0.2, "smallest |vote| that holds a position", 0.05)),
        p => new FusedStrategy(
            [
                new FusionMember(TrendStrategy.Descriptor.CreateDefault(), p.GetDouble("w_trend")),
                new FusionMember(DonchianBreakoutStrategy.Descriptor.CreateDefault(), p.GetDouble("w_donchian")),
                new FusionMember(SuperTrendStrategy.Descriptor.CreateDefault(), p.GetDouble("w_supertrend")),
                new FusionMember(BollingerRevertStrategy.Descriptor.CreateDefault(), p.GetDouble("w_bollinger_revert")),
                new FusionMember(RsiRevertStrategy.Descriptor.CreateDefault(), p.GetDouble("w_rsi_revert")),
                new FusionMember(GridStrategy.Descriptor.CreateDefault(), p.GetDouble("w_grid")),
            ],
            p.GetDouble("threshold")));

    /// <summary>Names of the registry fusion's members, in vote order.</summary>
    public static IReadOnlyList<string> DefaultMembers => MemberNames;

    /// <inheritdoc/>
    public string Name => "fused";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars
    {
        get
        {
            var longest = 0;
            foreach (var member in _members)
            {
                longest = Math.Max(longest, member.WarmUpBars);
            }

            return longest;
        }
    }

    /// <summary>The latest fused exposure before the threshold, in [−1, 1].</summary>
    public double Vote { get; private set; }

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        var sum = 0.0;
        for (var i = 0; i < _members.Length; i++)
        {
            var memberContext = _contexts[i];
            memberContext.BeginBar(context.BarIndex, context.Equity);
            _members[i].OnBar(bars, memberContext);
            sum += _weights[i] * memberContext.SignalOf(0).Exposure;
        }

        Vote = sum / _totalWeight;
        context.Emit(0, Math.Abs(Vote) < _threshold || Vote == 0
            ? Signal.Flat(SignalReasons.VoteBelowThreshold)
            : Signal.FromExposure(Vote, SignalReasons.Vote));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        for (var i = 0; i < _members.Length; i++)
        {
            _members[i].Reset();
            _contexts[i].Reset();
        }

        Vote = 0;
    }
}
