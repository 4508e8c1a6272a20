// Resolves the settings every provider shares: API key (setting or environment), base URL, headers, timeouts, retries.
import { HttpClient } from "../../http/http-client.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderSettings } from "../../spec/provider.js";

/** How one provider resolves its settings. */
export interface ProviderSettingsSpec {
  /** The name the provider is registered under (errors and `model.provider`). */
  name: string;
  /** Base URL when the settings give none; omit to make `baseURL` required (`openai-compatible`). */
  defaultBaseURL?: string;
  /** Environment variables holding the API key, looked up in order (`["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"]`). */
  apiKeyEnvironmentVariables?: readonly string[];
  /** Whether a missing key is a `ConfigError` (false for local servers). Default: true. */
  apiKeyRequired?: boolean;
  /** Headers carrying the key, e.g. `(key) => ({ authorization: \`Bearer ${key}\` })`. */
  authenticate?: (apiKey: string) => Record<string, string>;
  /** An environment variable giving the base URL (Ollama's `OLLAMA_HOST`), mapped to a base URL. */
  baseURLEnvironmentVariable?: { name: string; toBaseURL?: (value: string) => string };
  /** Default `timeoutMs` for this provider (default: the http layer's 120 s). */
  defaultTimeoutMs?: number;
}

/** Settings after resolution, with the HTTP client built from them. */
export interface ResolvedProviderSettings {
  name: string;
  apiKey: string | undefined;
  /** Without a trailing slash. */
  baseURL: string;
  /** Authentication headers plus `settings.headers`. */
  headers: Record<string, string>;
  http: HttpClient;
}

/** What each model of a provider is built from: the name the provider is registered under and its HTTP client. */
export interface ProviderModelConfig {
  /** The registered provider name (`model.provider`, errors, the first `providerOptions` key). */
  provider: string;
  http: HttpClient;
}

/** `authenticate` for the providers that take the key as `Authorization: Bearer <key>`. */
export function bearerAuthentication(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}

/**
 * Resolves and validates a provider's settings once, when the provider is created: missing API key (naming
 * the environment variables), malformed `baseURL`, negative `timeoutMs`/`maxRetries` fail here with a
 * `ConfigError`, not at the first request. `environment` defaults to `process.env`.
 */
export function resolveProviderSettings(
  settings: ProviderSettings,
  spec: ProviderSettingsSpec,
  environment: Record<string, string | undefined> = process.env,
): ResolvedProviderSettings {
  const variables = spec.apiKeyEnvironmentVariables ?? [];
  let apiKey = settings.apiKey;
  if (apiKey === undefined) {
    for (const variable of variables) {
      const value = environment[variable]?.trim();
      if (value) {
        apiKey = value;
        break;
      }
    }
  }
  if (apiKey !== undefined && (typeof apiKey !== "string" || apiKey.trim() === "")) {
    throw new ConfigError(`The ${spec.name} provider's apiKey must be a non-empty string; pass the key itself or leave it out to use the environment.`);
  }
  if (apiKey === undefined && (spec.apiKeyRequired ?? true)) {
    const where = variables.length ? `set ${variables.join(" or ")} or pass` : "pass";
    throw new ConfigError(`No API key for the ${spec.name} provider: ${where} \`apiKey\` in its settings (createAI({ providers: { ${JSON.stringify(spec.name)}: { apiKey } } })).`);
  }

  let baseURL = settings.baseURL;
  if (baseURL === undefined && spec.baseURLEnvironmentVariable) {
    const value = environment[spec.baseURLEnvironmentVariable.name]?.trim();
    if (value) baseURL = spec.baseURLEnvironmentVariable.toBaseURL ? spec.baseURLEnvironmentVariable.toBaseURL(value) : value;
  }
  baseURL ??= spec.defaultBaseURL;
  if (baseURL === undefined) {
    throw new ConfigError(`The ${spec.name} provider needs a baseURL (e.g. "http://127.0.0.1:8000/v1"); pass it in its settings.`);
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseURL);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new ConfigError(`The ${spec.name} provider's baseURL ${JSON.stringify(baseURL)} is not an http(s) URL; pass e.g. "${spec.defaultBaseURL ?? "https://host/v1"}".`);
  }
  baseURL = baseURL.replace(/\/+$/, "");

  if (settings.timeoutMs !== undefined && !(Number.isFinite(settings.timeoutMs) && settings.timeoutMs > 0)) {
    throw new ConfigError(`The ${spec.name} provider's timeoutMs must be a positive number of milliseconds, got ${String(settings.timeoutMs)}.`);
  }
  if (settings.maxRetries !== undefined && !(Number.isInteger(settings.maxRetries) && settings.maxRetries >= 0)) {
    throw new ConfigError(`The ${spec.name} provider's maxRetries must be a whole number >= 0, got ${String(settings.maxRetries)}.`);
  }

  const headers = { ...(apiKey === undefined || !spec.authenticate ? {} : spec.authenticate(apiKey)), ...settings.headers };
  const keyHint = variables.length ? `check ${variables.join(" / ")} or the apiKey setting of the ${spec.name} provider` : `check the apiKey setting of the ${spec.name} provider`;
  const http = new HttpClient({
    provider: spec.name,
    baseURL,
    headers,
    secrets: [apiKey],
    timeoutMs: settings.timeoutMs ?? spec.defaultTimeoutMs,
    maxRetries: settings.maxRetries,
    retry: settings.retry,
    dispatcher: settings.dispatcher,
    authenticationHint: keyHint,
  });
  return { name: spec.name, apiKey, baseURL, headers, http };
}
