using Google.Protobuf;
using Microsoft.Extensions.Options;
using Sofia.Contracts.V1;
using Sofia.Optimizer.Options;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Stores every finished trial of a study as one JSON line (the <see cref="TrialResult"/> in protobuf's JSON form) in
/// <c>{TrialDirectory}/{studyId}.jsonl</c>, so a study can be inspected with any JSON tool and resumed after a restart.
/// The default store; <see cref="ClickHouseTrialStore"/> when <c>Optimizer:TrialStore</c> is <c>clickhouse</c>.
/// </summary>
internal sealed class TrialJournal(IOptions<OptimizerOptions> options) : ITrialStore
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private readonly Lock _gate = new();

    public string PathOf(string studyId) => Path.Combine(options.Value.TrialDirectory, $"{studyId}.jsonl");

    public Task<IReadOnlyList<TrialResult>> LoadAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult(Load(studyId));

    public Task AppendAsync(IReadOnlyList<TrialResult> results, CancellationToken cancellationToken)
    {
        Append(results);
        return Task.CompletedTask;
    }

    public IReadOnlyList<TrialResult> Load(string studyId)
    {
        var path = PathOf(studyId);
        if (!File.Exists(path))
        {
            return [];
        }

        var results = new SortedDictionary<int, TrialResult>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                var result = TrialResult.Parser.ParseJson(line);
                results.TryAdd(result.TrialNumber, result);
            }
        }

        return [.. results.Values];
    }

    public void Append(IEnumerable<TrialResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_gate)
        {
            Directory.CreateDirectory(options.Value.TrialDirectory);
            using var writer = File.AppendText(PathOf(results.FirstOrDefault()?.StudyId ?? "unknown"));
            foreach (var result in results)
            {
                writer.WriteLine(Formatter.Format(result));
            }
        }
    }
}
