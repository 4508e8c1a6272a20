// The Voyage AI wire format (https://docs.voyageai.com/reference/embeddings-api, /reference/reranker-api).
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

/** POST /v1/embeddings: one vector per input, with its index. */
export const voyageEmbeddingResponseSchema = z.looseObject({
  object: z.string().nullish(),
  data: z.array(z.looseObject({ index: z.number().nullish(), embedding: vectorSchema })),
  model: z.string().nullish(),
  usage: z.looseObject({ total_tokens: z.number().nullish() }).nullish(),
});

/** POST /v1/rerank: results by descending relevance (`document` only with `return_documents`). */
export const voyageRerankResponseSchema = z.looseObject({
  object: z.string().nullish(),
  data: z.array(z.looseObject({ index: z.number(), relevance_score: z.number() })),
  model: z.string().nullish(),
  usage: z.looseObject({ total_tokens: z.number().nullish() }).nullish(),
});
