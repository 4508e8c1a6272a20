// prisma-extension-ai: the AI core (createAI, the tasks, the providers) and the Prisma client extension (withAI).
// An explicit list: every name here is a promise to users, and test/package/exports.test.ts fails when one
// appears or disappears. Helpers for writing a driver are on `prisma-extension-ai/provider-utils`; the worker
// is `prisma-extension-ai/worker`.

// The AI core: createAI() and what its calls take and return.
export { createAI, type AI } from "./ai/index.js";
export { assistantMessage } from "./router/assistant-message.js";
export type {
  AIRouter,
  BuiltInProviderSettings,
  ChatModelReference,
  ChatOptions,
  ChatResponse,
  CreateAIOptions,
  EmbedOptions,
  EmbedResponse,
  GenerateObjectOptions,
  GenerateObjectResponse,
  ImageOptions,
  ImageResponse,
  ModerateOptions,
  ModerateResponse,
  ProviderConfig,
} from "./router/router-types.js";
export type { BuiltInProviderName } from "./router/built-in-providers.js";
export type { DefaultModels } from "./router/default-models.js";
export type { Tool } from "./router/tools.js";
export type { FailedAttempt, Fallbacks } from "./router/fallbacks.js";
export type { CacheOptions } from "./router/response-cache.js";
export { defaultPrices, type ModelPrice, type PriceTable } from "./router/prices.js";
export type { BudgetOptions, UsageReport, UsageTotals } from "./router/usage-ledger.js";
export type { RateLimit, RateLimits } from "./router/rate-limiter.js";
export { memoryRateLimitStore, type BucketChange, type BucketLimit, type RateLimitStore } from "./router/rate-limit-store.js";
export { postgresRateLimitStore, type PostgresRateLimitStore, type PostgresRateLimitStoreOptions, type RateLimitStoreLogger } from "./stores/index.js";

// Ready tasks (also methods of the AI core: ai.classify, ai.extract, ai.summarize, ai.translate, ai.generateCode).
export {
  classify,
  classifyPresets,
  extract,
  generateCode,
  summarize,
  translate,
  type ClassifyLabels,
  type ClassifyOptions,
  type ClassifyPreset,
  type ClassifyPresetOptions,
  type ClassifyResponse,
  type ExtractFieldsOptions,
  type ExtractOptions,
  type ExtractResponse,
  type GenerateCodeOptions,
  type GenerateCodeResponse,
  type MultiClassifyResponse,
  type PresetLabel,
  type SummarizeOptions,
  type SummarizeResponse,
  type SummaryFormat,
  type TaskAI,
  type TaskMethods,
  type TaskOptions,
  type TaskResponse,
  type TranslateOptions,
  type TranslateResponse,
} from "./tasks/index.js";

// The built-in providers' factories (for `ai.extend` under another name, or a model object without createAI)
// and the settings and `providerOptions` types of each.
export { createAnthropic, type AnthropicProviderOptions, type AnthropicSettings } from "./providers/anthropic/index.js";
export { createCohere, type CohereChatOptions, type CohereEmbedOptions, type CohereSettings } from "./providers/cohere/index.js";
export { createGoogle, type GoogleProviderOptions, type GoogleSettings } from "./providers/google/index.js";
export { createGroq, type GroqSettings } from "./providers/groq/index.js";
export { createHuggingFace, type HuggingFaceSettings } from "./providers/huggingface/index.js";
export { createLocal, type LocalSettings } from "./providers/local/index.js";
export { createMistral, type MistralProviderOptions, type MistralSettings } from "./providers/mistral/index.js";
export { createOllama, type OllamaChatOptions, type OllamaEmbedOptions, type OllamaSettings } from "./providers/ollama/index.js";
export { createOpenAI, createOpenAICompatible, type OpenAICompatibleSettings, type OpenAIProviderOptions, type OpenAISettings } from "./providers/openai/index.js";
export { createAzure, type AzureEntraToken, type AzureSettings } from "./providers/azure/index.js";
export { createDeepSeek, type DeepSeekSettings } from "./providers/deepseek/index.js";
export { createFireworks, type FireworksSettings } from "./providers/fireworks/index.js";
export { createJina, type JinaEmbeddingOptions, type JinaSettings } from "./providers/jina/index.js";
export { createOpenRouter, type OpenRouterProviderOptions, type OpenRouterSettings } from "./providers/openrouter/index.js";
export { createTextEmbeddingsInference, type TextEmbeddingsInferenceSettings } from "./providers/huggingface/huggingface-tei.js";
export { createTogether, type TogetherSettings } from "./providers/together/index.js";
export { createVoyage, type VoyageEmbeddingOptions, type VoyageRerankOptions, type VoyageSettings } from "./providers/voyage/index.js";
export { createXAI, type XAISettings } from "./providers/xai/index.js";
// Closes the keep-alive connections of every provider, so a script can exit at once.
export { closeSharedDispatchers } from "./http/index.js";

// Provider-neutral contracts: models, messages, results, settings (what a custom driver implements).
export type {
  AssistantMessage,
  CallOptions,
  CallWarning,
  Capability,
  ChatCallOptions,
  ChatCapabilities,
  ChatModel,
  ChatResult,
  ChatSettings,
  ChatStreamEvent,
  ChatStreamResult,
  ChatTool,
  EmbedCallOptions,
  EmbedResult,
  EmbeddingModel,
  RerankCallOptions,
  RerankModel,
  RerankResult,
  RerankResultItem,
  RerankUsage,
  FinishReason,
  GeneratedImage,
  ImageCallOptions,
  ImageModel,
  ImagePart,
  ImageResult,
  JSONSchema,
  JSONValue,
  Message,
  ModerationCallOptions,
  ModerationModel,
  ModerationResult,
  ModerationVerdict,
  ProviderContext,
  ProviderDriver,
  ProviderFactory,
  ProviderMetadata,
  ProviderOptions,
  ProviderSettings,
  ReasoningPart,
  ResponseFormat,
  ResponseInfo,
  SystemMessage,
  TextPart,
  ToolCall,
  ToolChoice,
  ToolMessage,
  Usage,
  UserMessage,
} from "./spec/index.js";

// The error hierarchy: every error thrown is an AIError with a stable `code`; `isInstance` works across copies.
export {
  AIError,
  AuthenticationError,
  BudgetExceededError,
  ConfigError,
  ConnectionError,
  ContextLengthError,
  DimensionMismatchError,
  InvalidFilterValueError,
  InvalidSearchQueryError,
  isContextLengthError,
  NoEmbeddingsError,
  ObjectGenerationError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  RecordNotFoundError,
  TakeLimitError,
  TimeoutError,
  UnknownFieldError,
  UnsupportedCapabilityError,
  UnsupportedFilterError,
  WorkerError,
  type AIErrorOptions,
  type ProviderErrorOptions,
} from "./spec/errors/index.js";

// The generated metadata's runtime view (`aiSchema` of the generated module is an AISchema).
export type {
  AIModelName,
  AISchema,
  ChunkingMeta,
  DistanceMetric,
  EmbeddedFieldMeta,
  EmbeddedFieldName,
  EmbeddedModelName,
  GeneratedFieldMeta,
  GeneratedFieldName,
  GeneratedModelName,
  IdScalarType,
  ModelMeta,
  RelationFieldMeta,
  ScalarFieldMeta,
  TableMeta,
  VectorIndexKind,
} from "./schema/index.js";

// The Prisma client extension: withAI() and the types of its options and methods.
export {
  withAI,
  type AIHandle,
  type ClientExtension,
  type CrossModelHit,
  type CrossModelSearchOptions,
  type DrainResult,
  type EmbeddedModelMethods,
  type EmbeddingStatus,
  type FindSimilarOptions,
  type GenerateEmbeddingResult,
  type InlineFailure,
  type ModelExtension,
  type ModelIdValue,
  type PrismaShapeOptions,
  type QueryEmbeddingCacheStats,
  type SearchHit,
  type SearchMode,
  type SearchQuality,
  type SemanticSearchOptions,
  type ShapeOptions,
  type SimilarityOptions,
  type WithAIOptions,
} from "./extension/index.js";
// Inline mode (no Graphile Worker: PGlite, scripts, tests): the generated SQL without its enqueue triggers.
export { buildMigrationSql, type MigrationSqlOptions } from "./sql/migration-script.js";
