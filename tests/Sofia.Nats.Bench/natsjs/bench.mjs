// The official JavaScript client through the same measurements as Sofia.Nats.Bench:
// node bench.mjs nats://HOST:PORT  -> one JSON object per figure on stdout, logs on stderr.
import { connect } from "@nats-io/transport-node";
import { jetstream, jetstreamManager, AckPolicy } from "@nats-io/jetstream";

const url = process.argv[2];
const RUNS = 3;
const CORE_COUNT = 1_000_000;
const SYNC_COUNT = 10_000;
const ASYNC_COUNT = 200_000;
const WINDOW = 4096;
const REQUESTS = 10_000;
const payload = new Uint8Array(128);

const log = (text) => process.stderr.write(`nats.js: ${text}\n`);
const report = (metric, value, unit) =>
  process.stdout.write(JSON.stringify({ suite: "nats", metric, value: Math.round(value * 10) / 10, unit, client: "nats.js" }) + "\n");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

const nc = await connect({ servers: url, name: "natsjs-bench" });
const jsm = await jetstreamManager(nc);
const js = jetstream(nc);

async function freshStream(name) {
  try { await jsm.streams.delete(name); } catch { /* not there */ }
  await jsm.streams.add({ name, subjects: [`${name}.>`], storage: "file" });
}

// Core publish (first run warms up).
const core = [];
for (let run = 0; run <= RUNS; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CORE_COUNT; i++) {
    nc.publish("bench.natsjs.core", payload);
  }
  await nc.flush();
  const rate = CORE_COUNT / seconds(start);
  log(`core publish run ${run}: ${rate.toFixed(0)} msgs/s`);
  if (run > 0) core.push(rate);
}
report("core_publish_msgs_per_s", median(core), "msgs/s");

const sync = [];
for (let run = 0; run < RUNS; run++) {
  await freshStream("BENCH_NATSJS_SYNC");
  const start = process.hrtime.bigint();
  for (let i = 0; i < SYNC_COUNT; i++) {
    await js.publish("BENCH_NATSJS_SYNC.x", payload);
  }
  sync.push(SYNC_COUNT / seconds(start));
  log(`js sync publish run ${run}: ${sync.at(-1).toFixed(0)} msgs/s`);
}
report("js_sync_publish_msgs_per_s", median(sync), "msgs/s");

const asyncRates = [];
for (let run = 0; run < RUNS; run++) {
  await freshStream("BENCH_NATSJS_ASYNC");
  const start = process.hrtime.bigint();
  const inflight = [];
  for (let i = 0; i < ASYNC_COUNT; i++) {
    inflight.push(js.publish("BENCH_NATSJS_ASYNC.x", payload));
    if (inflight.length >= WINDOW) {
      await inflight.shift();
    }
  }
  await Promise.all(inflight);
  asyncRates.push(ASYNC_COUNT / seconds(start));
  log(`js async publish run ${run}: ${asyncRates.at(-1).toFixed(0)} msgs/s`);
}
report("js_async_publish_msgs_per_s", median(asyncRates), "msgs/s");

const consumeRates = [];
for (let run = 0; run < RUNS; run++) {
  const name = `bench${run}`;
  await jsm.consumers.add("BENCH_NATSJS_ASYNC", { durable_name: name, ack_policy: AckPolicy.Explicit });
  const consumer = await js.consumers.get("BENCH_NATSJS_ASYNC", name);
  const start = process.hrtime.bigint();
  const messages = await consumer.consume({ max_messages: 1000 });
  let count = 0;
  for await (const m of messages) {
    m.ack();
    if (++count === ASYNC_COUNT) break;
  }
  consumeRates.push(count / seconds(start));
  await messages.close();
  log(`pull consume run ${run}: ${consumeRates.at(-1).toFixed(0)} msgs/s`);
}
report("pull_consume_msgs_per_s", median(consumeRates), "msgs/s");

const responder = await connect({ servers: url, name: "natsjs-bench-responder" });
responder.subscribe("bench.natsjs.rr", { callback: (_, m) => m.respond(m.data) });
await responder.flush();
for (let i = 0; i < 1000; i++) {
  await nc.request("bench.natsjs.rr", payload, { timeout: 5000 });
}
const latencies = new Float64Array(REQUESTS);
for (let i = 0; i < REQUESTS; i++) {
  const start = process.hrtime.bigint();
  await nc.request("bench.natsjs.rr", payload, { timeout: 5000 });
  latencies[i] = Number(process.hrtime.bigint() - start) / 1000;
}
latencies.sort();
log(`request/reply: p50 ${latencies[REQUESTS / 2].toFixed(1)} us, p99 ${latencies[REQUESTS * 99 / 100].toFixed(1)} us`);
report("request_reply_p50_us", latencies[REQUESTS / 2], "us");
report("request_reply_p99_us", latencies[Math.floor(REQUESTS * 99 / 100)], "us");

await responder.close();
await nc.close();
