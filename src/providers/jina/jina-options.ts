// `providerOptions.jina`: the Jina-specific fields of embedding and rerank calls.
import { z } from "zod";

/** `providerOptions.jina` of an `ai.embed` call. Strict. */
export const jinaEmbeddingOptionsSchema = z.strictObject({
  /**
   * `task` (jina-embeddings-v3/v4: `retrieval.query`, `retrieval.passage`, `text-matching`, `classification`,
   * `separation`, `code.query`, `code.passage`). Default: from the call's `inputType` for v3/v4 models
   * (`retrieval.query` / `retrieval.passage`), none for other models.
   */
  task: z.string().optional(),
  /** Embed the texts of one request as chunks of one document (`late_chunking`). Default: false. */
  lateChunking: z.boolean().optional(),
  /** Cut texts over the model's context length instead of failing (`truncate`). */
  truncate: z.boolean().optional(),
});

export type JinaEmbeddingOptions = z.output<typeof jinaEmbeddingOptionsSchema>;
