// `providerOptions.voyage`: the Voyage-specific fields of embedding and rerank calls.
import { z } from "zod";

/** `providerOptions.voyage` of an `ai.embed` call. Strict. */
export const voyageEmbeddingOptionsSchema = z.strictObject({
  /**
   * `input_type` as Voyage names it, over the call's `inputType` (`query`/`document`); `null` sends none
   * (plain embeddings without Voyage's retrieval prompt).
   */
  inputType: z.enum(["query", "document"]).nullable().optional(),
  /** Cut texts over the model's context length (`truncation`, Voyage's default true) instead of failing. */
  truncation: z.boolean().optional(),
});

/** `providerOptions.voyage` of a rerank call. Strict. */
export const voyageRerankOptionsSchema = z.strictObject({
  /** Cut the query and documents to the model's context length (`truncation`, Voyage's default true) instead of failing. */
  truncation: z.boolean().optional(),
});

export type VoyageEmbeddingOptions = z.output<typeof voyageEmbeddingOptionsSchema>;
export type VoyageRerankOptions = z.output<typeof voyageRerankOptionsSchema>;
