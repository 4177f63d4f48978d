using System.Globalization;
using Sofia.Contracts.V1;
using Sofia.Optimization.Scoring;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Domain;

/// <summary>Conversions between the bus messages of a trial and the optimization library's types.</summary>
internal static class TrialMessages
{
    public const string JobType = "sofia.v1.OptimizationJob";
    public const string ResultType = "sofia.v1.TrialResult";

    /// <summary>The de-duplication id of a trial's job and of its result: a redelivered trial is stored once.</summary>
    public static string MessageId(string studyId, int trial) => $"{studyId}:{trial}";

    public static SearchMethod ToMessage(SearchAlgorithm algorithm) => algorithm switch
    {
        SearchAlgorithm.Bayesian => SearchMethod.Bayesian,
        SearchAlgorithm.Genetic => SearchMethod.Genetic,
        SearchAlgorithm.Random => SearchMethod.Random,
        _ => SearchMethod.Grid,
    };

    /// <summary>
    /// Parameter values as text in the job's map: a choice name for categorical parameters, else the round-trip form of
    /// the number, so the worker evaluates exactly the value the searcher asked for.
    /// </summary>
    public static void WriteParameters(ParameterSpace space, IReadOnlyList<double> values, Google.Protobuf.Collections.MapField<string, string> map)
    {
        for (var i = 0; i < space.Count; i++)
        {
            map[space[i].Name] = space[i].Kind == ParameterKind.Categorical
                ? space[i].Format(values[i])
                : values[i].ToString("R", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The values of a text map in space order.</summary>
    public static double[] ReadParameters(ParameterSpace space, IReadOnlyDictionary<string, string> map)
    {
        var bound = space.Bind(map);
        var values = new double[space.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = bound[space[i].Name];
        }

        return values;
    }

    public static TrialEvaluation ToEvaluation(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = result.Periods > 0 || result.PeriodsPerYear > 0
            ? new OutOfSampleMetrics
            {
                Periods = result.Periods,
                PeriodsPerYear = result.PeriodsPerYear,
                TotalReturn = result.TotalReturn,
                Cagr = result.Cagr,
                MaxDrawdown = result.MaxDrawdown,
                Mar = result.Mar,
                Sharpe = result.Sharpe,
                ProfitFactor = result.ProfitFactor,
                Trades = result.Trades,
                InSampleSharpe = result.InSampleSharpe,
            }
            : null;
        return new TrialEvaluation(result.Score, result.Feasible, result.Reason.Length == 0 ? null : result.Reason, metrics);
    }

    public static void WriteEvaluation(TrialEvaluation evaluation, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(result);
        result.Score = evaluation.Score;
        result.Feasible = evaluation.Feasible;
        result.Reason = evaluation.Reason ?? string.Empty;
        if (evaluation.Metrics is { } m)
        {
            result.Mar = m.Mar;
            result.Sharpe = m.Sharpe;
            result.ProfitFactor = m.ProfitFactor;
            result.MaxDrawdown = m.MaxDrawdown;
            result.Cagr = m.Cagr;
            result.Trades = m.Trades;
            result.PeriodsPerYear = m.PeriodsPerYear;
            result.Periods = m.Periods;
            result.TotalReturn = m.TotalReturn;
            result.InSampleSharpe = m.InSampleSharpe;
        }
    }
}
