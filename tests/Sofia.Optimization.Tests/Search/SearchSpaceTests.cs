using Sofia.Optimization.Search;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Search;

[TestFixture]
public sealed class SearchSpaceTests
{
    [TestCase(SearchAlgorithm.Bayesian)]
    [TestCase(SearchAlgorithm.Genetic)]
    [TestCase(SearchAlgorithm.Random)]
    [TestCase(SearchAlgorithm.Grid)]
    public void Every_candidate_is_a_valid_value_of_every_parameter_kind(SearchAlgorithm algorithm)
    {
        var space = TestFunctions.QuadraticSpace;
        var search = ParameterSearch.Create(algorithm, space, 11, 60);
        for (var round = 0; round < 10; round++)
        {
            foreach (var values in search.Ask(6))
            {
                for (var p = 0; p < space.Count; p++)
                {
                    Assert.That(space[p].Validate(values[p]), Is.Null, $"{space[p].Name}={values[p]}");
                }

                search.Tell(values, -TestFunctions.NoisyQuadratic(values, 1, round));
            }
        }
    }

    [Test]
    public void Log_real_parameters_are_sampled_uniformly_in_log_space()
    {
        var space = new ParameterSpace(ParameterDefinition.LogReal("rate", 0.001, 1000, 1, "six decades"));
        var search = new RandomSearch(space, 99);
        var belowOne = search.Ask(6000).Count(v => v[0] < 1);

        // Half of six decades lies below 1: a uniform draw in linear space would put 0.0001 % there.
        Assert.That(belowOne / 6000.0, Is.EqualTo(0.5).Within(0.03));
    }

    [Test]
    public void Grid_takes_the_largest_level_count_that_fits_the_planned_trials()
    {
        // Two continuous parameters and 30 trials: 5 × 5 = 25 fits, 6 × 6 = 36 does not.
        var grid = new GridSearch(TestFunctions.BraninSpace, 30, 1);
        var points = grid.Ask(25);

        Assert.That(grid.Size, Is.EqualTo(25));
        Assert.That(points.Select(p => p[0]).Distinct().Order(), Is.EqualTo(new[] { -5, -1.25, 2.5, 6.25, 10 }));
        Assert.That(points.Select(p => p[1]).Distinct().Order(), Is.EqualTo(new[] { 0, 3.75, 7.5, 11.25, 15 }));
        Assert.That(points.Select(p => (p[0], p[1])).Distinct().Count(), Is.EqualTo(25));
    }

    [Test]
    public void Grid_levels_of_a_small_whole_or_categorical_parameter_are_its_values()
    {
        var space = new ParameterSpace(
            ParameterDefinition.Whole("n", 1, 3, 1, "three values"),
            ParameterDefinition.Categorical("c", ["x", "y"], "x", "two choices"));
        var grid = new GridSearch(space, 1000, 1);

        Assert.That(grid.Size, Is.EqualTo(6));
        Assert.That(grid.Ask(6).Select(p => (p[0], p[1])).Order(), Is.EqualTo(new[] { (1.0, 0.0), (1.0, 1.0), (2.0, 0.0), (2.0, 1.0), (3.0, 0.0), (3.0, 1.0) }));
    }

    [Test]
    public void Genetic_search_keeps_the_best_of_a_generation_when_the_next_one_is_worse()
    {
        // No crossover, (almost) no mutation and tournaments over many contestants: every child is the pool's best.
        var options = new GeneticOptions { PopulationSize = 4, Elites = 1, CrossoverRate = 0, MutationRate = 1e-300, TournamentSize = 64 };
        var search = new GeneticSearch(TestFunctions.BraninSpace, 4, options);
        var first = search.Ask(4);
        for (var i = 0; i < 4; i++)
        {
            search.Tell(first[i], i == 2 ? 5 : 1);
        }

        foreach (var child in search.Ask(4))
        {
            Assert.That(child, Is.EqualTo(first[2]));
            search.Tell([child[0] + 1, child[1]], -1000);
        }

        Assert.That(search.Generations, Is.EqualTo(2));
        Assert.That(search.Ask(8), Has.All.EqualTo(first[2]), "the elite of generation 0 survives a worse generation 1");
    }
}
