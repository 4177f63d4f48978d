using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

[Category("Slow")]
public sealed class NatsConnectionSecurityTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("sofia-nats-security").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task Connection_upgrades_to_tls_when_the_server_requires_it(CancellationToken cancellationToken)
    {
        var (certificate, key, thumbprint) = WriteSelfSignedCertificate();
        await using var server = await NatsServer.StartNewAsync(new NatsServerOptions { ExtraArguments = ["--tls", "--tlscert", certificate, "--tlskey", key] }, cancellationToken);
        var options = new NatsOptions
        {
            Servers = [server.Url],
            TlsCertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == thumbprint,
        };

        await using var connection = await NatsConnection.ConnectAsync(options, cancellationToken);
        await using var subscription = await connection.SubscribeAsync("secure.echo", cancellationToken: cancellationToken);
        await connection.PublishAsync("secure.echo", "over tls"u8.ToArray(), cancellationToken: cancellationToken);
        var msg = await subscription.Messages.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(connection.ServerInfo!.TlsRequired, Is.True);
            Assert.That(msg.Data.ToArray(), Is.EqualTo("over tls"u8.ToArray()));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Tls_server_with_an_untrusted_certificate_is_refused(CancellationToken cancellationToken)
    {
        var (certificate, key, _) = WriteSelfSignedCertificate();
        await using var server = await NatsServer.StartNewAsync(new NatsServerOptions { ExtraArguments = ["--tls", "--tlscert", certificate, "--tlskey", key] }, cancellationToken);

        Assert.That(
            async () => await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url] }, cancellationToken),
            Throws.InstanceOf<NatsConnectionException>());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Permission_errors_end_the_denied_subscription_and_keep_the_connection(CancellationToken cancellationToken)
    {
        var config = Path.Combine(_directory, "auth.conf");
        await File.WriteAllTextAsync(
            config,
            """
            authorization {
              users = [
                { user: "limited", password: "pw", permissions: { publish: { deny: ["forbidden.>"] }, subscribe: { deny: ["secret.>"] } } }
              ]
            }
            """,
            cancellationToken);
        await using var server = await NatsServer.StartNewAsync(new NatsServerOptions { ExtraArguments = ["-c", config] }, cancellationToken);
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], User = "limited", Password = "pw" }, cancellationToken);

        var denied = await connection.SubscribeAsync("secret.plans", cancellationToken: cancellationToken);
        var error = Assert.ThrowsAsync<NatsServerErrorException>(async () =>
        {
            await foreach (var unexpected in denied.ReadAllAsync(cancellationToken))
            {
                Assert.Fail($"Received {unexpected.Subject} on a denied subscription.");
            }
        });
        await connection.PublishAsync("forbidden.x", cancellationToken: cancellationToken);
        await using var allowed = await connection.SubscribeAsync("open.x", cancellationToken: cancellationToken);
        await connection.PublishAsync("open.x", "still here"u8.ToArray(), cancellationToken: cancellationToken);
        var msg = await allowed.Messages.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(error!.ServerError, Does.StartWith("Permissions Violation for Subscription to"));
            Assert.That(error.ClosesConnection, Is.False);
            Assert.That(connection.State, Is.EqualTo(NatsConnectionState.Connected));
            Assert.That(msg.Data.ToArray(), Is.EqualTo("still here"u8.ToArray()));
        });
    }

    private (string Certificate, string Key, string Thumbprint) WriteSelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_directory, "server.pem");
        var keyPath = Path.Combine(_directory, "server.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString());
    }
}
