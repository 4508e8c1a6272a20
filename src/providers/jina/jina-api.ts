// The Jina AI wire format (https://jina.ai/embeddings, https://jina.ai/reranker). Embeddings answer in OpenAI's
// shape (`openai/openai-api.ts`); the rerank reply is Jina's own.
import { z } from "zod";

/** POST /v1/rerank: results by descending relevance (`document` only with `return_documents`). */
export const jinaRerankResponseSchema = z.looseObject({
  model: z.string().nullish(),
  usage: z.looseObject({ total_tokens: z.number().nullish(), prompt_tokens: z.number().nullish() }).nullish(),
  results: z.array(z.looseObject({ index: z.number(), relevance_score: z.number() })),
});
