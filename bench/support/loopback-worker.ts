// A loopback HTTP server in a worker thread, so the server's work does not share the event loop (or the
// timings) of the client being measured. Plain JavaScript is evaluated in the worker (no TypeScript loader).
import { Worker } from "node:worker_threads";

/** What the worker server answers: a fixed JSON body, or OpenAI-style embeddings of the inputs. */
export type LoopbackWorkerMode = { kind: "fixed-json"; body: unknown } | { kind: "embeddings"; dimensions: number; latencyMs: number };

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const mode = workerData;
const fixed = mode.kind === "fixed-json" ? Buffer.from(JSON.stringify(mode.body)) : undefined;
let requests = 0;
const server = http.createServer((request, response) => {
  const parts = [];
  request.on("data", (part) => parts.push(part));
  request.on("end", () => {
    requests++;
    if (fixed) {
      response.writeHead(200, { "content-type": "application/json", "content-length": fixed.length });
      response.end(fixed);
      return;
    }
    const input = JSON.parse(Buffer.concat(parts).toString("utf8")).input;
    const vector = Array.from({ length: mode.dimensions }, (_, index) => index / mode.dimensions);
    const body = JSON.stringify({ object: "list", model: "bench", usage: { prompt_tokens: input.length, total_tokens: input.length },
      data: input.map((_, index) => ({ object: "embedding", index, embedding: vector })) });
    setTimeout(() => {
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    }, mode.latencyMs);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (message) => {
  if (message === "count") parentPort.postMessage({ requests });
  if (message === "reset") requests = 0;
});
`;

/** A running worker server. */
export interface LoopbackWorker {
  url: string;
  /** Requests served since the last `resetCount()`. */
  count(): Promise<number>;
  resetCount(): void;
  close(): Promise<void>;
}

/** Starts the worker server on 127.0.0.1 with a free port. */
export async function startLoopbackWorker(mode: LoopbackWorkerMode): Promise<LoopbackWorker> {
  const worker = new Worker(workerSource, { eval: true, workerData: mode });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", (message: { port: number }) => resolve(message.port));
    worker.once("error", reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    count: () =>
      new Promise((resolve) => {
        worker.once("message", (message: { requests: number }) => resolve(message.requests));
        worker.postMessage("count");
      }),
    resetCount: () => worker.postMessage("reset"),
    close: async () => void (await worker.terminate()),
  };
}
