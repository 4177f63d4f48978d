namespace Sofia.Optimization.Search;

/// <summary>The parameter search algorithms.</summary>
public enum SearchAlgorithm
{
    /// <summary>Bayesian optimization with a Tree-structured Parzen Estimator (<see cref="TpeSearch"/>).</summary>
    Bayesian = 0,

    /// <summary>A genetic algorithm (<see cref="GeneticSearch"/>).</summary>
    Genetic = 1,

    /// <summary>Uniform random sampling, a baseline (<see cref="RandomSearch"/>).</summary>
    Random = 2,

    /// <summary>A regular grid visited in a seeded order, a baseline (<see cref="GridSearch"/>).</summary>
    Grid = 3,
}
