// Which errors say the database is unreachable (worth waiting for) rather than misconfigured: the worker waits
// and starts Graphile Worker again on those, and gives up (exit 1) on the others.

const connectionErrorCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"]);

/** Whether an error says the database is unreachable (worth waiting for) rather than misconfigured. */
export function isConnectionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, message, errors, cause } = current as { code?: string; message?: string; errors?: unknown[]; cause?: unknown };
    if (code && connectionErrorCodes.has(code)) return true;
    if (message && /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|terminating connection|not queryable|the database system is (starting up|shutting down)/i.test(message)) return true;
    if (Array.isArray(errors) && errors.some(isConnectionError)) return true;
    current = cause;
  }
  return false;
}

