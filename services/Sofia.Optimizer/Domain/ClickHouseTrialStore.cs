using Google.Protobuf;
using Sofia.ClickHouse;
using Sofia.Contracts.V1;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Trials in the ClickHouse table <c>optimizer_trials</c> (infra/clickhouse/0003, applied with the rest of the schema):
/// key columns for queries and the whole <see cref="TrialResult"/> as protobuf JSON. Reads use FINAL, so a trial stored
/// twice (a redelivery) counts once.
/// </summary>
internal sealed class ClickHouseTrialStore(ClickHouseClient client, string table) : ITrialStore
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly string[] Columns = ["study_id", "trial_number", "strategy", "symbol", "score", "feasible", "worker", "finished_time_us", "result_json"];

    public async Task<IReadOnlyList<TrialResult>> LoadAsync(string studyId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT result_json FROM {ClickHouseSql.Identifier(table)} FINAL WHERE study_id = {ClickHouseSql.Literal(studyId)} ORDER BY trial_number";
        var results = new List<TrialResult>();
        await foreach (var json in client.QueryAsync(sql, static r => r.ReadString(), cancellationToken: cancellationToken))
        {
            results.Add(TrialResult.Parser.ParseJson(json));
        }

        return results;
    }

    public async Task AppendAsync(IReadOnlyList<TrialResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        await client.InsertAsync(table, Columns, results, static (w, r) =>
        {
            w.WriteString(r.StudyId);
            w.WriteInt32(r.TrialNumber);
            w.WriteString(r.Strategy);
            w.WriteString(r.Symbol);
            w.WriteFloat64(r.Score);
            w.WriteUInt8(r.Feasible ? (byte)1 : (byte)0);
            w.WriteString(r.Worker);
            w.WriteInt64(r.FinishedTimeUs);
            w.WriteString(Formatter.Format(r));
        }, cancellationToken: cancellationToken);
    }
}
