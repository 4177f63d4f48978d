namespace Sofia.Exchanges.Tests;

/// <summary>Every documented sample is covered by a test and none of them parses as malformed.</summary>
public sealed class AllSamplesTests
{
    /// <summary>Subscribe requests and our own ping: frames we send, compared to what we build rather than parsed.</summary>
    private static readonly string[] OutboundSamples =
    [
        "binance_subscribe_request.json",
        "bybit_v5_ping_request.json",
        "bybit_v5_subscribe_request.json",
        "coinbase_adv_market_trades_subscribe_jkorf.json",
        "coinbase_adv_subscribe_heartbeats_docs.json",
        "coinbase_exchange_subscribe_heartbeat_docs.json",
        "okx_v5_ping.txt",
        "okx_v5_subscribe_request_jkorf.json",
        "okx_v5_trades_subscribe_request.json",
    ];

    /// <summary>The sample file names; empty when the reference data is absent (the tests then ignore or fail by policy).</summary>
    public static IReadOnlyList<string> SampleFiles { get; } = Sofia.Testing.ReferenceData.Root is { } root
        ? Directory.GetFiles(Path.Combine(root, "exchange-samples")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
        : [];

    [Test]
    public void There_are_35_samples_and_each_is_named_in_a_test()
    {
        Sofia.Testing.ReferenceData.Require();
        var sources = Directory.GetFiles(TestSourceFolder(), "*.cs").Select(File.ReadAllText).ToList();

        Assert.That(SampleFiles, Has.Count.EqualTo(35));
        Assert.That(SampleFiles.Where(f => !sources.Any(s => s.Contains('"' + f + '"', StringComparison.Ordinal))), Is.Empty);
    }

    /// <summary>The samples the exchanges send us.</summary>
    public static IReadOnlyList<string> InboundSampleFiles { get; } = [.. SampleFiles.Except(OutboundSamples, StringComparer.Ordinal)];

    [TestCaseSource(nameof(InboundSampleFiles))]
    public void Inbound_sample_is_classified_and_never_malformed(string file)
    {
        var exchange = file[..file.IndexOf('_', StringComparison.Ordinal)];
        var adapter = Samples.Adapter(exchange, "BNB-BTC", "BTC-USDT", "ETH-USDT", "ETH-USD", "BTC-USD");

        var (result, trades) = Samples.Parse(adapter, file);

        Assert.That(result.Kind, Is.Not.EqualTo(FrameKind.Malformed).And.Not.EqualTo(FrameKind.Unknown), result.ToString());
        Assert.That(trades.All(t => t.ToTick(exchange).Symbol == t.Symbol), Is.True);
    }

    private static string TestSourceFolder() => Path.Combine(Sofia.Testing.RepositoryPaths.Root, "tests", "Sofia.Exchanges.Tests");
}
