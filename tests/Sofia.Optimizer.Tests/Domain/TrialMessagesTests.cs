using Sofia.Contracts.V1;
using Sofia.Optimization.Scoring;
using Sofia.Optimization.Studies;
using Sofia.Optimizer.Domain;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Tests.Domain;

[TestFixture]
public sealed class TrialMessagesTests
{
    [Test]
    public void Parameters_travel_exactly_and_categoricals_by_name()
    {
        var space = new ParameterSpace(
            ParameterDefinition.LogReal("rate", 0.001, 10, 1, "log"),
            ParameterDefinition.Categorical("kind", ["none", "sma", "hurst"], "none", "choice"));
        double[] values = [0.1234567890123456789, 2];
        var job = new OptimizationJob();

        TrialMessages.WriteParameters(space, values, job.Parameters);

        Assert.That(job.Parameters["kind"], Is.EqualTo("hurst"));
        Assert.That(TrialMessages.ReadParameters(space, job.Parameters), Is.EqualTo(values));
    }

    [Test]
    public void Evaluation_round_trips_through_a_result()
    {
        var metrics = new OutOfSampleMetrics { Periods = 1000, PeriodsPerYear = 525_600, TotalReturn = 0.02, Cagr = 1.5, MaxDrawdown = 0.04, Mar = 37.5, Sharpe = 2.2, ProfitFactor = 1.4, Trades = 12, InSampleSharpe = 0.7 };
        var evaluation = new TrialEvaluation(3.1, true, null, metrics);
        var result = new TrialResult();

        TrialMessages.WriteEvaluation(evaluation, result);
        var back = TrialMessages.ToEvaluation(TrialResult.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(result)));

        Assert.That(back, Is.EqualTo(evaluation));
    }
}
