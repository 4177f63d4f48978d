using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sofia.EndToEndTests.Harness;

namespace Sofia.EndToEndTests;

/// <summary>
/// Ticks flow to signals to fills through real processes: the simulated exchange → ingestor → TICKS → tick writer
/// (ClickHouse) and signal hub → SIGNALS → paper OMS → FILLS. The stack runs until the OMS has traded, the ingestor is
/// stopped and every consumer drained; then each claim is checked against an independent computation.
/// </summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class PaperTradingEndToEndTests
{
    private const int MinimumFills = 40;
    private SofiaStack? _stack;
    private DateTimeOffset _startedAt;

    private SofiaStack Stack => _stack ?? throw new InvalidOperationException("The stack did not start.");

    [OneTimeSetUp]
    public async Task StartAndTradeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _startedAt = DateTimeOffset.UtcNow;
        _stack = await SofiaStack.StartAsync(new StackSettings { LogDirectory = StackLogs.NewDirectory("end-to-end") }, timeout.Token);
        await PipelineChecks.WaitForFillsAsync(_stack, MinimumFills, TimeSpan.FromMinutes(5), timeout.Token);
        await _stack.StopAsync(SofiaStack.Ingestor, timeout.Token);
        await _stack.WaitUntilDrainedAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    [TearDown]
    public void PrintLogsOnFailure() => StackLogs.PrintOnFailure(_stack);

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_streamed_tick_is_stored_in_ClickHouse_exactly_once(CancellationToken cancellationToken) =>
        await PipelineChecks.AssertTicksStoredExactlyOnceAsync(Stack, cancellationToken);

    [Test]
    [CancelAfter(120_000)]
    public async Task The_published_signals_are_what_an_independent_engine_computes_from_the_ticks(CancellationToken cancellationToken) =>
        await PipelineChecks.AssertSignalsMatchIndependentEngineAsync(Stack, cancellationToken);

    [Test]
    [CancelAfter(120_000)]
    public async Task The_account_equals_a_recomputation_from_the_fills_stream(CancellationToken cancellationToken)
    {
        await PipelineChecks.AssertAccountMatchesFillsAsync(Stack, cancellationToken);
        await PipelineChecks.AssertNoSignalTradedTwiceAsync(Stack, cancellationToken);
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task A_replay_of_the_same_period_reports_zero_divergence(CancellationToken cancellationToken)
    {
        var hours = (int)Math.Ceiling((DateTimeOffset.UtcNow - _startedAt).TotalHours * Stack.Settings.Speed) + 1;
        using var response = await Stack.Http.PostAsJsonAsync(
            new Uri(Stack.BaseUri(SofiaStack.PaperOms), "api/paper/replay"), new { hours }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        TestContext.Out.WriteLine($"replay of {hours} h: {body}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var document = JsonDocument.Parse(body);
        var divergence = Divergence(document.RootElement);
        Assert.That(divergence, Is.Not.Null, $"the replay answer names its divergence: {body}");
        Assert.That(divergence, Is.Zero, $"replay divergence: {body}");
        // Not vacuous: the window held every fill the OMS made, and the replay made the same number.
        var books = document.RootElement.GetProperty("books");
        var fills = await PipelineChecks.StreamFillsAsync(Stack, cancellationToken);
        var live = books.EnumerateArray().Sum(b => b.GetProperty("liveFills").GetInt32());
        var replayed = books.EnumerateArray().Sum(b => b.GetProperty("replayFills").GetInt32());
        Assert.That(fills, Is.Not.Empty);
        Assert.That((live, replayed), Is.EqualTo((fills.Count, fills.Count)), "fills compared (live, replayed) vs the FILLS stream");
    }

    /// <summary>
    /// The divergence the replay answer reports (its README: <c>divergent</c> is true when any fill differs): 1 or 0 for
    /// a flag, the number for a count, the length of a list; the first such property found, outermost first.
    /// </summary>
    private static decimal? Divergence(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in answer.EnumerateObject().Where(p => p.Name.Contains("diverg", StringComparison.OrdinalIgnoreCase)))
        {
            decimal? value = property.Value.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number => property.Value.GetDecimal(),
                JsonValueKind.Array => property.Value.GetArrayLength(),
                _ => null,
            };
            if (value is not null)
            {
                return value;
            }
        }

        return answer.EnumerateObject().Select(p => Divergence(p.Value)).FirstOrDefault(v => v is not null);
    }
}
