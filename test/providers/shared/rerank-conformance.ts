// The cases every rerank driver must pass (Cohere, Voyage, Jina, TEI), against the loopback server speaking the
// provider's documented rerank format: the request we send, the ranking we parse, and the failures.
import { describe, expect, it } from "vitest";
import type { RerankModel } from "../../../src/spec/rerank-model.js";
import { AuthenticationError, ProviderResponseError, RateLimitError } from "../../../src/spec/errors/index.js";
import type { LoopbackReply, LoopbackServer } from "../../support/loopback-server.js";

export interface RerankConformanceOptions {
  server: LoopbackServer;
  /** The rerank model on the loopback server; `delays` receives the retry waits. */
  makeModel(settings: Record<string, unknown>, delays: number[]): RerankModel;
  /** Path the request must go to, e.g. `/v2/rerank`. */
  path: string;
  /** The key the provider was given (must never appear in errors); undefined for keyless servers. */
  apiKey: string | undefined;
  /** Text expected in authentication errors, e.g. `VOYAGE_API_KEY`. */
  keyHint: string;
  /** The request body expected for `{ query, documents, topN }`. */
  expectedBody(query: string, documents: string[], topN: number | undefined): unknown;
  /** A successful reply scoring documents (pairs of index and score, in the order the provider sends them). */
  reply(scores: Array<[index: number, score: number]>): LoopbackReply;
  /** An error reply in the provider's documented error format. */
  errorReply(status: number, message: string, headers?: Record<string, string>): LoopbackReply;
  /** Whether the provider applies `topN` itself (it then sends only that many); TEI does not. */
  providerAppliesTopN: boolean;
}

export function describeRerankConformance(options: RerankConformanceOptions): void {
  const { server } = options;
  const query = "Which planet is red?";
  const documents = ["Venus is hot.", "Mars is the red planet.", "Jupiter is large.", "Mars has two moons."];
  const make = (settings: Record<string, unknown> = {}) => {
    const delays: number[] = [];
    return { model: options.makeModel(settings, delays), delays };
  };

  describe(`${options.path}: rerank conformance`, () => {
    it("sends the query and documents with the provider's auth and returns results by descending relevance", async () => {
      server.reply(options.reply([[1, 0.98], [3, 0.61], [2, 0.07], [0, 0.01]]));
      const { model } = make();
      const result = await model.doRerank({ query, documents });
      const request = server.requests[0]!;
      expect(request).toMatchObject({ method: "POST", path: options.path });
      if (options.apiKey) expect(request.headers.authorization).toBe(`Bearer ${options.apiKey}`);
      else expect(request.headers.authorization).toBeUndefined();
      expect(request.body).toEqual(options.expectedBody(query, documents, undefined));
      expect(result.results).toEqual([
        { index: 1, relevanceScore: 0.98 },
        { index: 3, relevanceScore: 0.61 },
        { index: 2, relevanceScore: 0.07 },
        { index: 0, relevanceScore: 0.01 },
      ]);
    });

    it("asks for topN and returns at most that many, sorted even when the provider's order is not", async () => {
      const scores: Array<[number, number]> = options.providerAppliesTopN ? [[3, 0.61], [1, 0.98]] : [[3, 0.61], [1, 0.98], [0, 0.01], [2, 0.07]];
      server.reply(options.reply(scores));
      const result = await make().model.doRerank({ query, documents, topN: 2 });
      expect(server.requests[0]!.body).toEqual(options.expectedBody(query, documents, 2));
      expect(result.results).toEqual([
        { index: 1, relevanceScore: 0.98 },
        { index: 3, relevanceScore: 0.61 },
      ]);
    });

    it("rejects a result pointing past the documents sent", async () => {
      server.reply(options.reply([[7, 0.9]]));
      const error = await make().model.doRerank({ query, documents }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderResponseError);
      expect((error as Error).message).toMatch(/document 7, but only 4 documents were sent/);
    });

    it("maps 401 to AuthenticationError without the key, and does not retry", async () => {
      server.reply(options.errorReply(401, `Invalid key ${options.apiKey ?? ""}`.trim()));
      const error = (await make().model.doRerank({ query, documents }).catch((caught: unknown) => caught)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(options.keyHint);
      if (options.apiKey) expect(JSON.stringify([error.message, error.body, error.url])).not.toContain(options.apiKey);
      expect(server.requests).toHaveLength(1);
    });

    it("retries a 429 after its Retry-After and a 500, then succeeds", async () => {
      server.reply(options.errorReply(429, "Rate limit exceeded", { "retry-after": "2" }), options.errorReply(500, "Internal error"), options.reply([[0, 0.5]]));
      const { model, delays } = make();
      const result = await model.doRerank({ query, documents });
      expect(result.results).toEqual([{ index: 0, relevanceScore: 0.5 }]);
      expect(delays[0]).toBe(2_000);
      expect(delays).toHaveLength(2);
      expect(server.requests).toHaveLength(3);
      server.reset();
      server.handle(() => options.errorReply(429, "Rate limit exceeded", { "retry-after": "9" }));
      await expect(make({ maxRetries: 0 }).model.doRerank({ query, documents })).rejects.toMatchObject({ constructor: RateLimitError, retryAfterMs: 9_000 });
    });

    it("rejects malformed JSON and a reply of the wrong shape with ProviderResponseError", async () => {
      server.reply({ text: '{"results": [', headers: { "content-type": "application/json" } }, { json: { unexpected: true } });
      await expect(make().model.doRerank({ query, documents })).rejects.toThrow(/not valid JSON/);
      await expect(make().model.doRerank({ query, documents })).rejects.toThrow(/does not match its documented format/);
    });

    it("stops on abort with the signal's reason", async () => {
      server.reply({ hang: true });
      const controller = new AbortController();
      const pending = make().model.doRerank({ query, documents, abortSignal: controller.signal });
      while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort(new Error("cancelled by test"));
      await expect(pending).rejects.toThrow("cancelled by test");
    });
  });
}
