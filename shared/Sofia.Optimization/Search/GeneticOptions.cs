namespace Sofia.Optimization.Search;

/// <summary>Settings of <see cref="GeneticSearch"/>.</summary>
public sealed record GeneticOptions
{
    /// <summary>Individuals per generation; the first generation is uniform random.</summary>
    public int PopulationSize { get; init; } = 20;

    /// <summary>Best individuals of a generation carried unchanged into the next one's parent pool.</summary>
    public int Elites { get; init; } = 2;

    /// <summary>Contestants per tournament; the best-scored one becomes a parent.</summary>
    public int TournamentSize { get; init; } = 3;

    /// <summary>Probability that a child mixes two parents (uniform crossover) instead of copying the first.</summary>
    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>Probability that a gene mutates; 0 means 1 / number of parameters.</summary>
    public double MutationRate { get; init; }

    /// <summary>Standard deviation of a numeric mutation as a fraction of the parameter's range (search coordinates).</summary>
    public double MutationScale { get; init; } = 0.1;
}
