using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Search;

/// <summary>Over 20 seeds, the median best value after 50 trials of TPE and of the genetic algorithm beats random search's.</summary>
[TestFixture]
public sealed class SearcherComparisonTests
{
    private const int Seeds = 20;
    private const int Trials = 50;

    [Test]
    public async Task Tpe_beats_random_search_on_branin()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var tpe = await MediansAsync(seed => new TpeSearch(TestFunctions.BraninSpace, seed), Branin, timeout.Token);
        var random = await MediansAsync(seed => new RandomSearch(TestFunctions.BraninSpace, seed), Branin, timeout.Token);

        TestContext.Out.WriteLine($"Branin median best after {Trials}: TPE {tpe:F4}, random {random:F4} (optimum 0.397887)");
        Assert.That(tpe, Is.LessThan(random));
    }

    [Test]
    public async Task Tpe_beats_random_search_on_a_noisy_mixed_quadratic()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var tpe = await MediansAsync(seed => new TpeSearch(TestFunctions.QuadraticSpace, seed), Quadratic, timeout.Token);
        var random = await MediansAsync(seed => new RandomSearch(TestFunctions.QuadraticSpace, seed), Quadratic, timeout.Token);

        TestContext.Out.WriteLine($"Noisy quadratic median best after {Trials}: TPE {tpe:F4}, random {random:F4}");
        Assert.That(tpe, Is.LessThan(random));
    }

    // 20 is the default population; 10 suits a 50-trial budget better (five generations instead of two and a half).
    [TestCase(20)]
    [TestCase(10)]
    public async Task Genetic_algorithm_beats_random_search_on_branin(int population)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var genetic = await MediansAsync(seed => new GeneticSearch(TestFunctions.BraninSpace, seed, new GeneticOptions { PopulationSize = population }), Branin, timeout.Token);
        var random = await MediansAsync(seed => new RandomSearch(TestFunctions.BraninSpace, seed), Branin, timeout.Token);

        TestContext.Out.WriteLine($"Branin median best after {Trials}: GA (population {population}) {genetic:F4}, random {random:F4}");
        Assert.That(genetic, Is.LessThan(random));
    }

    [TestCase(20)]
    [TestCase(10)]
    public async Task Genetic_algorithm_beats_random_search_on_a_noisy_mixed_quadratic(int population)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var genetic = await MediansAsync(seed => new GeneticSearch(TestFunctions.QuadraticSpace, seed, new GeneticOptions { PopulationSize = population }), Quadratic, timeout.Token);
        var random = await MediansAsync(seed => new RandomSearch(TestFunctions.QuadraticSpace, seed), Quadratic, timeout.Token);

        TestContext.Out.WriteLine($"Noisy quadratic median best after {Trials}: GA (population {population}) {genetic:F4}, random {random:F4}");
        Assert.That(genetic, Is.LessThan(random));
    }

    private static Func<ulong, Func<Trial, double>> Branin => _ => t => TestFunctions.Branin(t.Values);

    private static Func<ulong, Func<Trial, double>> Quadratic => seed => t => TestFunctions.NoisyQuadratic(t.Values, seed, t.Number);

    private static async Task<double> MediansAsync(Func<ulong, IParameterSearch> create, Func<ulong, Func<Trial, double>> function, CancellationToken cancellationToken)
    {
        var best = new List<double>(Seeds);
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            best.Add(await TestFunctions.BestAfterAsync(create(seed), function(seed), Trials, cancellationToken));
        }

        return TestFunctions.Median(best);
    }
}
