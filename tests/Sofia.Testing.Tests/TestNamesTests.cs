namespace Sofia.Testing.Tests;

[TestFixture]
public sealed class TestNamesTests
{
    [Test]
    public void Unique_names_start_with_the_prefix_and_use_only_name_characters()
    {
        var name = TestNames.Unique("ticks");

        Assert.That(name, Does.Match("^ticks_[0-9a-f]{10}$"));
    }

    [Test]
    public void Unique_names_differ_from_call_to_call()
    {
        var names = Enumerable.Range(0, 1000).Select(_ => TestNames.Unique("t")).ToHashSet();

        Assert.That(names, Has.Count.EqualTo(1000));
    }

    [TestCase("")]
    [TestCase("1ticks")]
    [TestCase("ticks.btc")]
    [TestCase("ticks-btc")]
    [TestCase("ticks btc")]
    [TestCase("a_prefix_that_is_far_too_long")]
    public void Unique_rejects_a_prefix_that_is_not_a_plain_name(string prefix)
    {
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => TestNames.Unique(prefix));
    }
}
