using Sofia.Optimization.Scoring;

namespace Sofia.Optimization.Tests.Scoring;

[TestFixture]
public sealed class ParetoFrontTests
{
    private static readonly int[] ExpectedFront = [0, 2, 4, 6];


    [Test]
    public void Front_keeps_exactly_the_points_nothing_dominates()
    {
        // (MAR, Sharpe, PF). Worked by hand: 1 is dominated by 0 (worse in all), 3 by 2 (equal MAR and Sharpe, lower PF),
        // 5 has a NaN Sharpe (−∞) and is dominated by 0; 0, 2 and 4 each lead somewhere; 6 equals 0 and is kept too.
        double[][] points =
        [
            [2.0, 1.5, 1.8],
            [1.0, 1.0, 1.2],
            [0.5, 2.5, 1.5],
            [0.5, 2.5, 1.4],
            [3.0, 0.2, 1.1],
            [1.0, double.NaN, 1.0],
            [2.0, 1.5, 1.8],
        ];

        Assert.That(ParetoFront.Indices(points), Is.EqualTo(ExpectedFront));
    }

    [Test]
    public void Front_of_an_empty_set_is_empty()
    {
        Assert.That(ParetoFront.Indices([]), Is.Empty);
    }
}
