using System.ComponentModel.DataAnnotations;
using Sofia.TickWriter.Options;

namespace Sofia.TickWriter.Tests.Options;

[TestFixture]
public sealed class TickWriterOptionsTests
{
    [Test]
    public void Defaults_are_valid()
    {
        Assert.That(Validate(new TickWriterOptions()), Is.Empty);
    }

    [Test]
    public void An_ack_wait_too_short_to_keep_held_messages_alive_is_refused_by_name()
    {
        var errors = Validate(new TickWriterOptions { AckWaitSeconds = 10, InsertTimeoutSeconds = 5, MaxRetryDelayMs = 5_000 });

        Assert.That(errors.SelectMany(e => e.MemberNames), Does.Contain(nameof(TickWriterOptions.AckWaitSeconds)));
    }

    [Test]
    public void Max_ack_pending_covers_the_batch_in_flight_the_channel_and_the_pull_buffer()
    {
        var options = new TickWriterOptions { BatchSize = 20_000, PullBatch = 5_000 };

        Assert.That(options.MaxAckPending, Is.EqualTo(20_000 + 40_000 + 10_000));
    }

    private static List<ValidationResult> Validate(TickWriterOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
