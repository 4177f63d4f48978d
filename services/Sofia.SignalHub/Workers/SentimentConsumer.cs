using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Signals;

namespace Sofia.SignalHub.Workers;

/// <summary>Scored news (<c>news.scored.{symbol}</c>) into the engine's sentiment overlay.</summary>
internal sealed class SentimentConsumer(IMessageBus bus, SignalEngine engine, ILogger<SentimentConsumer> logger)
{
    private const string Filter = "news.scored.>";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var consumer = new BusConsumerSpec(Streams.News.Name, Durables.SignalHubNews, Filter);
        await foreach (var message in bus.ConsumeAsync(consumer, cancellationToken))
        {
            SentimentScore score;
            try
            {
                score = SentimentScore.Parser.ParseFrom(message.Data.Span);
            }
            catch (InvalidProtocolBufferException e)
            {
                var reason = $"not a sofia.v1.SentimentScore: {e.Message}";
                SignalHubLog.DeadLettered(logger, message.StreamSequence, message.Subject, reason);
                await bus.DeadLetterAsync(message, Streams.News.Name, Durables.SignalHubNews, reason, cancellationToken);
                continue;
            }

            // The subject names the symbol; the payload's symbol is a fallback for publishers that leave it out.
            var symbol = message.Subject.StartsWith("news.scored.", StringComparison.Ordinal) ? message.Subject["news.scored.".Length..] : score.Symbol;
            if (symbol.Length > 0)
            {
                engine.Sentiment.Update(symbol, score.Score, score.Confidence, score.TimeUs);
                SignalHubLog.SentimentReceived(logger, symbol, score.Score, score.Confidence, score.TimeUs);
            }

            await message.AckAsync(cancellationToken);
        }
    }
}
