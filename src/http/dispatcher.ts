// The shared undici dispatcher: one keep-alive Agent (a Pool per origin) for every provider.
import { Agent } from "undici";

/** Longest connect timeout; a shorter `timeoutMs` shortens it too. */
export const defaultConnectTimeoutMs = 10_000;

const agents = new Map<number, Agent>();

/**
 * The shared keep-alive `Agent` for a connect timeout (one per distinct timeout, created on first use). Idle
 * sockets are kept 30 s (or as long as the server's `Keep-Alive` says, up to 10 minutes), pipelining is off,
 * and each origin gets as many connections as there are concurrent requests.
 */
export function sharedDispatcher(connectTimeoutMs = defaultConnectTimeoutMs): Agent {
  let agent = agents.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connect: { timeout: connectTimeoutMs } });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

/** Closes the shared agents (their idle sockets), e.g. before a process exits. Later calls create new ones. */
export async function closeSharedDispatchers(): Promise<void> {
  const closing = [...agents.values()].map((agent) => agent.close());
  agents.clear();
  await Promise.all(closing);
}
