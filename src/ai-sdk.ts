// prisma-extension-ai/ai-sdk: interop with the Vercel AI SDK (optional peer dependencies `ai` and
// `@ai-sdk/provider`). AI SDK models as one of our providers, and our search as AI SDK tools. The root entry
// never imports `ai`.
export { fromAISDK, aiSdkChatModel, aiSdkEmbeddingModel, type FromAISDKOptions } from "./ai-sdk/from-ai-sdk.js";
export { ChatModelFromAISDK, type AISDKLanguageModel } from "./ai-sdk/ai-sdk-chat-model.js";
export { EmbeddingModelFromAISDK, type AISDKEmbeddingModel } from "./ai-sdk/ai-sdk-embedding-model.js";
export {
  aiSdkTools,
  type AISdkTools,
  type AISdkToolsOptions,
  type FindSimilarToolInput,
  type SearchableModel,
  type SearchToolConfig,
  type SearchToolInput,
} from "./ai-sdk/ai-sdk-tools.js";
