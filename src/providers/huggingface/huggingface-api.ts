// Hugging Face Inference Providers: the feature-extraction task's reply (chat is OpenAI-compatible, see openai/).
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

/**
 * POST {baseURL}/hf-inference/models/{model}/pipeline/feature-extraction with `{"inputs": [...]}`: one vector per
 * input for sentence-embedding models. (Models without pooling answer one vector per token, `number[][][]`,
 * which `HuggingFaceEmbeddingModel` rejects with advice.)
 */
export const featureExtractionResponseSchema = z.union([z.array(vectorSchema), z.array(z.array(vectorSchema))]);
