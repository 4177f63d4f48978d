using System.Globalization;
using System.Runtime.CompilerServices;
using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Tests.Domain;

[TestFixture]
public sealed class TickTradeIdTests
{
    [TestCase("0")]
    [TestCase("7")]
    [TestCase("4093218817")]
    [TestCase("9999999999999999999")]
    [TestCase("18446744073709551615")]
    [TestCase("007")]
    [TestCase("-5")]
    [TestCase("+5")]
    [TestCase("12 ")]
    [TestCase("a3f0c2e1-9b7d-4c8a-8e2f-1d6b5a4c3b2a")]
    [TestCase("")]
    public void Every_id_reads_back_as_the_same_text(string id)
    {
        TickTradeId value = id;

        Assert.That((string)value, Is.EqualTo(id));
        Assert.That(value, Is.EqualTo((TickTradeId)new string(id.AsSpan())), "equal texts give equal values");
    }

    [Test]
    public void Different_texts_of_one_number_stay_different() =>
        Assert.That((TickTradeId)"42", Is.Not.EqualTo((TickTradeId)"042"));

    [Test]
    public void A_missing_id_reads_as_empty() => Assert.That(TickTradeId.Parse(null).ToString(), Is.Empty);

    [Test]
    public void The_tape_keeps_no_string_of_a_numbered_tick_alive()
    {
        var tape = new MarketTape("binance", "BTC-USDT", 16);
        var strings = AppendTickWithStringsOfItsOwn(tape, 4_093_218_817);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.That(strings.Count(s => s.IsAlive), Is.Zero, "the tick's exchange, symbol and trade id strings were collected");
        Assert.That((tape.Last.Exchange, tape.Last.Symbol, tape.Last.TradeId.ToString()), Is.EqualTo(("binance", "BTC-USDT", "4093218817")));
    }

    [Test]
    public void The_tape_keeps_an_id_that_is_not_a_number()
    {
        var tape = new MarketTape("kraken", "BTC-USD", 16);
        tape.Append(new PaperTick("kraken", "BTC-USD", 100m, 1m, "T1-abc", 1, 0));

        Assert.That(tape.Last.TradeId.ToString(), Is.EqualTo("T1-abc"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] AppendTickWithStringsOfItsOwn(MarketTape tape, long tradeId)
    {
        // Fresh copies, as a decoded message gives: not the interned literals the tape was made with.
        var exchange = new string("binance".AsSpan());
        var symbol = new string("BTC-USDT".AsSpan());
        var id = tradeId.ToString(CultureInfo.InvariantCulture);
        tape.Append(new PaperTick(exchange, symbol, 100m, 1m, id, 1, 0));
        return [new WeakReference(exchange), new WeakReference(symbol), new WeakReference(id)];
    }
}
