-- Optimizer trials, one row per trial of a study, so a study can be resumed and inspected.
-- A redelivered trial may be stored twice with the same outcome; reads use FINAL, and the key de-duplicates.
-- result_json is the TrialResult in protobuf's JSON form (every field, including parameters).
CREATE TABLE IF NOT EXISTS optimizer_trials
(
    study_id String,
    trial_number Int32,
    strategy String,
    symbol String,
    score Float64,
    feasible UInt8,
    worker String,
    finished_time_us Int64,
    result_json String
)
ENGINE = ReplacingMergeTree
ORDER BY (study_id, trial_number);
