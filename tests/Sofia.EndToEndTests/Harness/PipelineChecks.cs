using System.Globalization;
using System.Text.Json;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Signals;
using Sofia.Trading;
using CoreDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.EndToEndTests.Harness;

/// <summary>
/// The end-to-end claims, each checked against an independent computation from what the streams and ClickHouse
/// hold. Call them once the stack is drained (<see cref="SofiaStack.WaitUntilDrainedAsync"/>).
/// </summary>
internal static class PipelineChecks
{
    /// <summary>The ticks of the TICKS stream in stream order.</summary>
    public static async Task<List<Tick>> StreamTicksAsync(SofiaStack stack, CancellationToken cancellationToken) =>
        [.. (await StreamContents.ReadAsync(stack.Bus, Streams.Ticks.Name, "ticks.>", Tick.Parser, cancellationToken)).Select(m => m.Message)];

    /// <summary>The fills of the FILLS stream in stream order.</summary>
    public static async Task<List<Fill>> StreamFillsAsync(SofiaStack stack, CancellationToken cancellationToken) =>
        [.. (await StreamContents.ReadAsync(stack.Bus, Streams.Fills.Name, "fills.>", Fill.Parser, cancellationToken)).Select(m => m.Message)];

    /// <summary>The signals of the SIGNALS stream in stream order.</summary>
    public static async Task<List<Signal>> StreamSignalsAsync(SofiaStack stack, CancellationToken cancellationToken) =>
        [.. (await StreamContents.ReadAsync(stack.Bus, Streams.Signals.Name, "signals.>", Signal.Parser, cancellationToken)).Select(m => m.Message)];

    /// <summary>Every tick of the TICKS stream is in ClickHouse once (de-duplicated by trade id), with the same values, and no other.</summary>
    public static async Task AssertTicksStoredExactlyOnceAsync(SofiaStack stack, CancellationToken cancellationToken)
    {
        var streamed = await StreamTicksAsync(stack, cancellationToken);
        var sql = $"SELECT exchange, symbol, trade_id, any(price), any(quantity), any(exchange_time_us) FROM {stack.Database}.ticks "
            + "GROUP BY exchange, symbol, trade_id FORMAT TabSeparated";
        var stored = (await stack.ClickHouse.ExecuteAsync(sql, cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1], f[2], decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture),
                long.Parse(f[5], CultureInfo.InvariantCulture)))
            .OrderBy(t => t.Item1, StringComparer.Ordinal).ThenBy(t => t.Item2, StringComparer.Ordinal).ThenBy(t => t.Item3, StringComparer.Ordinal)
            .ToList();
        var expected = streamed
            .Select(t => (t.Exchange, t.Symbol, t.TradeId, t.Price.ToDecimal(), t.Quantity.ToDecimal(), t.ExchangeTimeUs))
            .OrderBy(t => t.Exchange, StringComparer.Ordinal).ThenBy(t => t.Symbol, StringComparer.Ordinal).ThenBy(t => t.TradeId, StringComparer.Ordinal)
            .ToList();

        TestContext.Out.WriteLine(string.Join(", ", stack.Settings.Symbols.Select(symbol =>
            $"{symbol}: {streamed.Count(t => t.Symbol == symbol)} ticks streamed, {stored.Count(t => t.Item2 == symbol)} stored")));
        Assert.That(streamed, Is.Not.Empty, "the ingestor published ticks");
        Assert.Multiple(() =>
        {
            Assert.That(
                streamed.Select(t => (t.Exchange, t.Symbol, t.TradeId)).Distinct().Count(),
                Is.EqualTo(streamed.Count),
                "the TICKS stream holds each trade once");
            foreach (var symbol in stack.Settings.Symbols)
            {
                Assert.That(stored.Count(t => t.Item2 == symbol), Is.EqualTo(streamed.Count(t => t.Symbol == symbol)), $"ticks of {symbol} in ClickHouse vs TICKS");
            }

            Assert.That(stored, Is.EqualTo(expected), "ClickHouse holds exactly the streamed ticks, with the same prices, quantities and times");
        });
    }

    /// <summary>
    /// The SIGNALS stream holds exactly what an independent <see cref="SignalEngine"/> run produces over the streamed
    /// ticks (each market in stream order, as the hub consumes it) for the bars that closed: same ids, directions,
    /// strengths, confidences, reasons and bars, each signal once.
    /// </summary>
    public static async Task<List<Signal>> AssertSignalsMatchIndependentEngineAsync(SofiaStack stack, CancellationToken cancellationToken)
    {
        var ticks = await StreamTicksAsync(stack, cancellationToken);
        var engine = new SignalEngine(StrategyPlan.Load(stack.PlanPath));
        var expected = new List<StrategySignal>();
        foreach (var tick in ticks)
        {
            var trade = new TradeTick(tick.ExchangeTimeUs, (double)tick.Price.ToDecimal(), (double)tick.Quantity.ToDecimal(), tick.AggressorSide == Side.Buy);
            expected.AddRange(engine.OnTick(tick.Exchange, tick.Symbol, trade, tick.TradeId));
        }

        var published = await StreamSignalsAsync(stack, cancellationToken);
        TestContext.Out.WriteLine($"{ticks.Count} ticks; {expected.Count} signals computed, {published.Count} published");
        Assert.That(expected, Is.Not.Empty, "the plan's strategies signal on the simulated market");
        Assert.Multiple(() =>
        {
            Assert.That(published.Select(s => s.SignalId).Distinct().Count(), Is.EqualTo(published.Count), "every signal is on the stream once");
            Assert.That(
                published.Select(Project).OrderBy(s => s.Id, StringComparer.Ordinal),
                Is.EqualTo(expected.Select(Project).OrderBy(s => s.Id, StringComparer.Ordinal)),
                "the published signals are the independent engine's");
        });
        return published;
    }

    /// <summary>
    /// No signal traded twice: fill ids are unique on FILLS, and each signal has at most one final outcome on ORDERS
    /// (pending first, then traded, rejected, unchanged, skipped or empty, once).
    /// </summary>
    public static async Task AssertNoSignalTradedTwiceAsync(SofiaStack stack, CancellationToken cancellationToken)
    {
        var fills = await StreamFillsAsync(stack, cancellationToken);
        var handled = (await StreamContents.ReadAsync(stack.Bus, Streams.Orders.Name, "orders.signal.>", PaperSignalHandled.Parser, cancellationToken))
            .Select(m => m.Message).Where(h => h.Outcome != "pending").ToList();
        var repeated = handled.GroupBy(h => h.SignalId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var fillIds = fills.GroupBy(f => f.FillId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fills, Is.Not.Empty, "signals were traded");
            Assert.That(repeated, Is.Empty, "signals handled more than once");
            Assert.That(fillIds, Is.Empty, "fills recorded more than once");
        });
    }

    /// <summary>
    /// The OMS's account (<c>GET /trade/account</c>, <c>/trade/positions</c>) equals the account recomputed from the fills
    /// on the FILLS stream and the books the signals opened: cash (combined and per strategy), fees, fill count and every
    /// position, exact.
    /// </summary>
    public static async Task AssertAccountMatchesFillsAsync(SofiaStack stack, CancellationToken cancellationToken)
    {
        var fills = await StreamFillsAsync(stack, cancellationToken);
        var signals = await StreamSignalsAsync(stack, cancellationToken);
        var books = signals.Select(s => (s.Strategy, s.Exchange, s.Symbol)).Distinct().ToList();
        var expected = RecomputedAccount.From(fills, books, stack.Settings.StartingCashPerBook);
        var account = await GetJsonAsync(stack, "trade/account", cancellationToken);
        var positions = await GetJsonAsync(stack, "trade/positions", cancellationToken);
        var combined = account.GetProperty("combined");
        var actualPositions = positions.GetProperty("positions").EnumerateArray()
            .ToDictionary(
                p => (p.GetProperty("strategy").GetString()!, p.GetProperty("exchange").GetString()!, p.GetProperty("symbol").GetString()!),
                p => p.GetProperty("quantity").GetDecimal());
        var cashByStrategy = account.GetProperty("strategies").EnumerateArray()
            .ToDictionary(s => s.GetProperty("strategy").GetString()!, s => s.GetProperty("cash").GetDecimal(), StringComparer.Ordinal);
        TestContext.Out.WriteLine($"{fills.Count} fills in {books.Count} books; cash {expected.Cash}, fees {expected.Fees}, {expected.Positions.Count} open positions");
        Assert.Multiple(() =>
        {
            Assert.That(fills, Is.Not.Empty, "signals were traded");
            Assert.That(combined.GetProperty("deposits").GetDecimal(), Is.EqualTo(books.Count * stack.Settings.StartingCashPerBook), "one deposit per book");
            Assert.That(combined.GetProperty("cash").GetDecimal(), Is.EqualTo(expected.Cash), "combined cash");
            Assert.That(combined.GetProperty("feesPaid").GetDecimal(), Is.EqualTo(expected.Fees), "fees");
            Assert.That(combined.GetProperty("fills").GetInt32(), Is.EqualTo(expected.Fills), "fill count");
            Assert.That(cashByStrategy, Is.EquivalentTo(expected.CashByStrategy), "cash per strategy");
            Assert.That(actualPositions, Is.EquivalentTo(expected.Positions), "positions per book");
        });
    }

    /// <summary>The paper OMS's answer to <paramref name="path"/>.</summary>
    public static async Task<JsonElement> GetJsonAsync(SofiaStack stack, string path, CancellationToken cancellationToken)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.BaseUri(SofiaStack.PaperOms), path), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Polls the OMS until its account holds at least <paramref name="count"/> fills.</summary>
    public static async Task<int> WaitForFillsAsync(SofiaStack stack, int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var fills = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (stack.IsRunning(SofiaStack.PaperOms))
            {
                try
                {
                    var account = await GetJsonAsync(stack, "trade/account", cancellationToken);
                    fills = account.GetProperty("combined").GetProperty("fills").GetInt32();
                    if (fills >= count)
                    {
                        return fills;
                    }
                }
                catch (HttpRequestException)
                {
                    // Restarting.
                }
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"The OMS had {fills} fills, not {count}, within {within}.\n{stack.Describe()}");
    }

    private static (string Id, string Strategy, SignalDirection Direction, double Strength, double Confidence, string Reason, long BarTimeUs, int Interval, decimal Close) Project(Signal s) =>
        (s.SignalId, s.Strategy, s.Direction, s.Strength, s.Confidence, s.Reason, s.BarTimeUs, s.BarIntervalSeconds, s.BarClose.ToDecimal());

    private static (string Id, string Strategy, SignalDirection Direction, double Strength, double Confidence, string Reason, long BarTimeUs, int Interval, decimal Close) Project(StrategySignal s) =>
        (s.Id, s.Strategy, s.Direction switch
        {
            CoreDirection.Long => SignalDirection.Long,
            CoreDirection.Short => SignalDirection.Short,
            _ => SignalDirection.Flat,
        }, s.Strength, s.Confidence, s.Reason, s.BarOpenTimeUs, s.BarIntervalSeconds, (decimal)s.BarClose);
}
