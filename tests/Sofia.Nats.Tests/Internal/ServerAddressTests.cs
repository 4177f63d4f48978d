using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

public sealed class ServerAddressTests
{
    [TestCase("nats://127.0.0.1:4222", "127.0.0.1", 4222, false, null, null)]
    [TestCase("tls://nats.example:7422", "nats.example", 7422, true, null, null)]
    [TestCase("10.0.0.2:4333", "10.0.0.2", 4333, false, null, null)]
    [TestCase("nats://sofia:p%40ss@host:4222", "host", 4222, false, "sofia", "p@ss")]
    [TestCase("nats://host", "host", 4222, false, null, null)]
    public void Server_urls_give_host_port_tls_and_credentials(string url, string host, int port, bool tls, string? user, string? password) =>
        Assert.That(ServerAddress.Parse(url), Is.EqualTo(new ServerAddress(host, port, tls, user, password)));

    [TestCase("")]
    [TestCase("nats://")]
    public void Malformed_urls_are_rejected(string url) =>
        Assert.Throws<ArgumentException>(() => ServerAddress.Parse(url));

    [Test]
    public void Pool_rotates_through_configured_and_discovered_servers_without_duplicates()
    {
        var pool = new ServerPool(["nats://u:p@a:1", "b:2"], randomize: false);

        pool.AddDiscovered(["b:2", "c:3"]);
        var order = Enumerable.Range(0, 4).Select(_ => pool.Next().ToString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(order, Is.EqualTo(new List<string> { "a:1", "b:2", "c:3", "a:1" }));
            Assert.That(pool.Count, Is.EqualTo(3));
        });
        var discovered = Enumerable.Range(0, 3).Select(_ => pool.Next()).Single(s => s.Host == "c");
        Assert.That((discovered.User, discovered.Password), Is.EqualTo(("u", "p")));
    }
}
