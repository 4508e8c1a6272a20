// Ollama: a local (or remote) model server. Chat over /api/chat with NDJSON streaming, embeddings over /api/embed.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { OllamaChatModel } from "./ollama-chat-model.js";
import { OllamaEmbeddingModel } from "./ollama-embedding-model.js";
import type { OllamaSettings } from "./ollama-options.js";

export { OllamaChatModel, mapOllamaFinishReason, mapOllamaUsage } from "./ollama-chat-model.js";
export { OllamaEmbeddingModel, ollamaMaxEmbeddingsPerCall } from "./ollama-embedding-model.js";
export { ollamaFailedResponseHandler } from "./ollama-error.js";
export type { OllamaChatOptions, OllamaEmbedOptions, OllamaSettings } from "./ollama-options.js";

/** Ollama's default address. */
export const ollamaDefaultBaseURL = "http://127.0.0.1:11434/api";

/**
 * The base URL for an `OLLAMA_HOST` value, read as Ollama's own CLI does: a host, `host:port`, or a URL; the
 * scheme defaults to `http`, the port to 11434 without a scheme (80/443 with one), the bind-all address
 * `0.0.0.0` means this machine, and `/api` is appended unless the path already ends with it.
 * `"0.0.0.0"` -> `http://127.0.0.1:11434/api`; `"https://ollama.example.com"` -> `https://ollama.example.com/api`.
 */
export function ollamaBaseURLFromHost(value: string): string {
  let text = value.trim();
  let scheme = "http";
  let defaultPort = "11434";
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    defaultPort = scheme === "https" ? "443" : "80";
    text = text.slice(schemeMatch[0].length);
  }
  const slash = text.indexOf("/");
  const hostPort = slash === -1 ? text : text.slice(0, slash);
  let path = slash === -1 ? "" : text.slice(slash).replace(/\/+$/, "");
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  let host = portMatch?.[1] || "127.0.0.1";
  const port = portMatch?.[2] || defaultPort;
  if (host === "0.0.0.0" || host === "[::]") host = "127.0.0.1";
  if (!path.endsWith("/api")) path += "/api";
  const implicitPort = (scheme === "http" && port === "80") || (scheme === "https" && port === "443");
  return `${scheme}://${host}${implicitPort ? "" : `:${port}`}${path}`;
}

/**
 * The Ollama provider: chat (`ollama:llama3.2`) with NDJSON streaming, tools and structured output (`format` with
 * the JSON Schema), and embeddings (`ollama:nomic-embed-text`). Base URL: `baseURL`, else `OLLAMA_HOST` (see
 * {@link ollamaBaseURLFromHost}), else `http://127.0.0.1:11434/api`. Default `timeoutMs` is 5 minutes: a local
 * server may first load the model.
 */
export function createOllama(settings: OllamaSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "ollama";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: ollamaDefaultBaseURL,
    apiKeyRequired: false,
    authenticate: bearerAuthentication,
    baseURLEnvironmentVariable: { name: "OLLAMA_HOST", toBaseURL: ollamaBaseURLFromHost },
    defaultTimeoutMs: 300_000,
  });
  return {
    name,
    chatModel: (modelId) => new OllamaChatModel(modelId, { provider: name, http }),
    embeddingModel: (modelId) => new OllamaEmbeddingModel(modelId, { provider: name, http }),
  };
}
