// Keeps secrets out of every error message, error body and raw field.

/** Header names whose values are credentials; their values are replaced wherever headers are shown. */
export const secretHeaderNames: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "x-goog-api-key",
  "cookie",
  "set-cookie",
]);

/** What replaces a secret. */
export const redactedMarker = "[REDACTED]";

/** Replaces secrets in text. Build one per provider with {@link createRedactor}. */
export type Redactor = (text: string) => string;

const bearerPattern = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const queryKeyPattern = /([?&](?:key|api_key|apikey|access_token|token)=)[^&#\s"']+/gi;

/**
 * Returns a function that replaces every occurrence of the given secret values (API keys; values shorter
 * than 4 characters are ignored as they would mangle ordinary text), any `Bearer ...` credential, and
 * `?key=...`-style query parameters with `[REDACTED]`.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string) => {
    let result = text;
    for (const value of values) if (result.includes(value)) result = result.split(value).join(redactedMarker);
    if (result.includes("Bearer") || result.includes("Basic")) result = result.replace(bearerPattern, `$1 ${redactedMarker}`);
    if (result.includes("=")) result = result.replace(queryKeyPattern, `$1${redactedMarker}`);
    return result;
  };
}

/** A copy of `headers` with the values of credential headers (Authorization, x-api-key, x-goog-api-key...) replaced. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const result: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) result[name] = secretHeaderNames.has(name.toLowerCase()) ? redactedMarker : value;
  return result;
}

/** Whether `text` contains any of the secrets (cheap check before redacting a large body). */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  for (const secret of secrets) if (secret.length >= 4 && text.includes(secret)) return true;
  return false;
}
