using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

[Category("Slow")]
public sealed class NatsConnectionAuthTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task User_and_password_authenticate_and_a_wrong_password_is_an_authorization_error(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(new NatsServerOptions { ExtraArguments = ["--user", "sofia", "--pass", "s3cret"] }, cancellationToken);

        await using (var good = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], User = "sofia", Password = "s3cret" }, cancellationToken))
        {
            await good.FlushAsync(cancellationToken);
            Assert.That(good.State, Is.EqualTo(NatsConnectionState.Connected));
        }

        var error = Assert.ThrowsAsync<NatsServerErrorException>(
            () => NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], User = "sofia", Password = "wrong" }, cancellationToken));
        Assert.That(error!.IsAuthorizationError, Is.True);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Token_authenticates(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(new NatsServerOptions { ExtraArguments = ["--auth", "tok123"] }, cancellationToken);

        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], Token = "tok123" }, cancellationToken);
        await connection.FlushAsync(cancellationToken);

        Assert.That(connection.State, Is.EqualTo(NatsConnectionState.Connected));
        Assert.That(
            async () => await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], Token = "nope" }, cancellationToken),
            Throws.InstanceOf<NatsServerErrorException>());
    }
}
