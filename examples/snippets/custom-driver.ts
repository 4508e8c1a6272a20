// CONTRIBUTING.md, "Adding a provider": a driver written outside this repository, over the same HTTP layer as
// the built-in providers (prisma-extension-ai/provider-utils), registered with ai.extend.
// #region driver
import { z } from "zod";
import { createAI, type EmbedCallOptions, type EmbedResult, type EmbeddingModel, type ProviderSettings } from "prisma-extension-ai";
import {
  bearerAuthentication,
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  resolveProviderSettings,
  vectorSchema,
  type HttpClient,
} from "prisma-extension-ai/provider-utils";

// Wire schemas: replies accept what the provider may add; errors map to the shared error classes.
const embedResponseSchema = z.looseObject({ vectors: z.array(vectorSchema), tokens: z.number().nullish() });
const acmeFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: z.looseObject({ error: z.string() }),
  errorToMessage: (body) => body.error,
});

class AcmeEmbeddingModel implements EmbeddingModel {
  readonly maxEmbeddingsPerCall = 128; // the router splits larger inputs into calls of this size
  readonly supportsParallelCalls = true;
  private readonly handler = createJsonResponseHandler(embedResponseSchema);

  constructor(
    readonly modelId: string,
    readonly provider: string,
    private readonly http: HttpClient,
  ) {}

  // One call = one HTTP request; the HttpClient retries (429, 5xx, Retry-After) and times out.
  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const response = await this.http.postJson({
      path: "/embed",
      model: this.modelId,
      body: { model: this.modelId, texts: options.values },
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: acmeFailedResponseHandler,
    });
    return {
      embeddings: response.value.vectors,
      usage: { inputTokens: response.value.tokens ?? undefined },
      raw: response.value,
      response: { requestId: response.requestId },
    };
  }
}

const ai = createAI();
ai.extend("acme", (settings: ProviderSettings, { name }) => {
  // API key from settings or ACME_API_KEY (a missing one is a ConfigError naming the variable), sent as Bearer.
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: "https://api.acme.example/v1",
    apiKeyEnvironmentVariables: ["ACME_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return { name, embeddingModel: (modelId) => new AcmeEmbeddingModel(modelId, name, http) };
});

const { embeddings } = await ai.embed({ model: "acme:embed-small", input: ["first text", "second text"] });
// #endregion
console.log(embeddings.length);
