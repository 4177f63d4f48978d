using Sofia.Optimization.Search;
using Sofia.Optimizer.Domain;

namespace Sofia.Optimizer.Tests.Domain;

[TestFixture]
public sealed class StudyCoordinatorTests
{
    [Test]
    public void Study_id_is_one_subject_token()
    {
        Assert.That(StudyCoordinator.StudyId("20261121T2100", "bollinger_revert", "BTC-USDT", SearchAlgorithm.Genetic), Is.EqualTo("20261121T2100-bollinger_revert-BTC-USDT-genetic"));
        Assert.That(StudyCoordinator.StudyId("run.1", "a b", "X*Y>", SearchAlgorithm.Bayesian), Is.EqualTo("run_1-a_b-X_Y_-bayesian"));
    }

    [TestCase("both", new[] { SearchAlgorithm.Bayesian, SearchAlgorithm.Genetic })]
    [TestCase("grid", new[] { SearchAlgorithm.Grid })]
    public void Method_names_map_to_algorithms(string method, SearchAlgorithm[] expected)
    {
        Assert.That(StudyCoordinator.Methods(method), Is.EqualTo(expected));
    }
}
