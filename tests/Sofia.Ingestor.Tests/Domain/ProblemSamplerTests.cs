using System.Text;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Tests.Domain;

public sealed class ProblemSamplerTests
{
    [Test]
    public void Sample_is_truncated_and_control_characters_are_replaced()
    {
        var frame = Encoding.UTF8.GetBytes("{\"e\":\n" + new string('x', 500));

        var sample = ProblemSampler.Truncate(frame);

        Assert.Multiple(() =>
        {
            Assert.That(sample, Has.Length.EqualTo(ProblemSampler.MaxSampleLength + 1));
            Assert.That(sample, Does.Not.Contain("\n"));
        });
    }

    [Test]
    public void One_sample_per_interval_passes_and_the_rest_are_counted()
    {
        var sampler = new ProblemSampler(TimeProvider.System, TimeSpan.FromHours(1));

        var first = sampler.TryTake(out _);
        var second = sampler.TryTake(out _);
        var third = sampler.TryTake(out _);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(third, Is.False);
        });
    }
}
