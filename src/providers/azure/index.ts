// Azure OpenAI: the OpenAI drivers (chat, embeddings, images) on Azure's deployment URLs, api-key or Entra ID.
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { OpenAIImageModel } from "../openai/openai-image-model.js";
import { resolveProviderSettings } from "../shared/provider-settings.js";
import { AzureHttpClient } from "./azure-http-client.js";
import { azureDefaultApiVersion, type AzureSettings } from "./azure-options.js";

export { AzureHttpClient } from "./azure-http-client.js";
export { azureDefaultApiVersion, type AzureEntraToken, type AzureSettings } from "./azure-options.js";

const apiKeyVariables = ["AZURE_OPENAI_API_KEY"] as const;

/**
 * The Azure OpenAI provider. Model ids are deployment names: `azure:my-gpt-4o` calls deployment `my-gpt-4o`.
 * Chat with streaming, tools and `json_schema` structured output, embeddings (`azure:my-embedding-deployment`),
 * images (DALL-E / gpt-image-1 deployments). URL: `https://{resource}.openai.azure.com/openai/deployments/
 * {deployment}/chat/completions?api-version=2024-10-21`, or the v1 GA API with `apiVersion: "v1"`. Auth: an
 * API key (`apiKey` or `AZURE_OPENAI_API_KEY`, sent as `api-key`) or a Microsoft Entra ID token (`entraToken`,
 * sent as `Authorization: Bearer`). Resource: `resourceName`, `baseURL` or `AZURE_OPENAI_ENDPOINT`.
 */
export function createAzure(settings: AzureSettings = {}, context?: ProviderContext, environment: Record<string, string | undefined> = process.env): ProviderDriver {
  const { resourceName, apiVersion: givenVersion, entraToken, ...rest } = settings;
  const name = context?.name ?? "azure";
  if (entraToken !== undefined && rest.apiKey !== undefined) {
    throw new ConfigError(`The ${name} provider takes an apiKey or an entraToken, not both; remove one of them.`);
  }
  if (entraToken !== undefined && typeof entraToken !== "string" && typeof entraToken !== "function") {
    throw new ConfigError(`The ${name} provider's entraToken must be a token string or a function returning one.`);
  }
  let baseURL = rest.baseURL;
  if (baseURL === undefined && resourceName !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(resourceName)) {
      throw new ConfigError(`The ${name} provider's resourceName ${JSON.stringify(resourceName)} is not an Azure resource name; pass the name only (e.g. "my-resource").`);
    }
    baseURL = `https://${resourceName}.openai.azure.com/openai`;
  }
  const endpoint = environment.AZURE_OPENAI_ENDPOINT?.trim();
  if (baseURL === undefined && endpoint) baseURL = `${endpoint.replace(/\/+$/, "")}/openai`;
  if (baseURL === undefined) {
    throw new ConfigError(
      `The ${name} provider needs its resource: pass resourceName (e.g. "my-resource"), baseURL ("https://my-resource.openai.azure.com/openai") or set AZURE_OPENAI_ENDPOINT.`,
    );
  }
  const apiVersion = givenVersion ?? (environment.OPENAI_API_VERSION?.trim() || azureDefaultApiVersion);
  const resolved = resolveProviderSettings(
    { ...rest, baseURL },
    {
      name,
      apiKeyEnvironmentVariables: entraToken === undefined ? apiKeyVariables : [],
      apiKeyRequired: entraToken === undefined,
      authenticate: (apiKey) => ({ "api-key": apiKey }),
    },
    environment,
  );
  const http = new AzureHttpClient(
    {
      provider: name,
      baseURL: resolved.baseURL,
      headers: resolved.headers,
      secrets: [resolved.apiKey, typeof entraToken === "string" ? entraToken : undefined],
      timeoutMs: rest.timeoutMs,
      maxRetries: rest.maxRetries,
      retry: rest.retry,
      dispatcher: rest.dispatcher,
      authenticationHint:
        entraToken === undefined
          ? `check AZURE_OPENAI_API_KEY or the apiKey setting of the ${name} provider (and that the deployment exists on this resource)`
          : `check the entraToken of the ${name} provider (its audience must be https://cognitiveservices.azure.com) and the identity's role on the resource`,
    },
    { apiVersion, entraToken },
  );
  return {
    name,
    chatModel: (deployment) => new OpenAIChatModel(deployment, { provider: name, http, driverName: "azure" }),
    embeddingModel: (deployment) => new OpenAIEmbeddingModel(deployment, { provider: name, http, encodingFormat: "base64" }),
    imageModel: (deployment) => new OpenAIImageModel(deployment, { provider: name, http }),
  };
}
