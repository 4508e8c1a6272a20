// Settings of the Azure OpenAI provider.
import type { ProviderSettings } from "../../spec/provider.js";

/** Azure OpenAI's GA data-plane API version used when none is given (and `OPENAI_API_VERSION` is unset). */
export const azureDefaultApiVersion = "2024-10-21";

/** A Microsoft Entra ID access token, or a function returning a fresh one (called before every request). */
export type AzureEntraToken = string | (() => string | Promise<string>);

/** Settings of the `azure` provider. */
export interface AzureSettings extends ProviderSettings {
  /**
   * The resource name: requests go to `https://{resourceName}.openai.azure.com/openai`. Alternatives: `baseURL`
   * (the full `.../openai` URL, e.g. behind API Management) or the `AZURE_OPENAI_ENDPOINT` environment variable
   * (`https://{resource}.openai.azure.com/`, as the OpenAI SDK reads it).
   */
  resourceName?: string;
  /**
   * A dated API version (default `2024-10-21`, or `OPENAI_API_VERSION`): deployment URLs
   * `/openai/deployments/{deployment}/chat/completions?api-version=...`. `"v1"`: the v1 GA API,
   * `/openai/v1/chat/completions` with the deployment as `model`, no `api-version`.
   */
  apiVersion?: string;
  /**
   * Authenticate with Microsoft Entra ID instead of an API key: a token, or a function returning one (e.g.
   * `getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")` from
   * `@azure/identity`), sent as `Authorization: Bearer`. Then no API key is read.
   */
  entraToken?: AzureEntraToken;
}
