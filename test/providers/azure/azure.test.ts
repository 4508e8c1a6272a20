// Azure OpenAI against the loopback server speaking its documented REST format: deployment URLs with
// api-version (or the v1 API), `api-key` or Entra ID bearer tokens, OpenAI's bodies and Azure's error bodies.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { createAzure } from "../../../src/providers/azure/index.js";
import { AuthenticationError, ConfigError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, textStream, toolCallStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "0123456789abcdef0123456789abcdef";
const entraToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.loopback.signature";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const retry = (delays: number[]) => ({ sleep: async (ms: number) => void delays.push(ms) });
const azure = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { azure: { apiKey, baseURL: server.url("/openai"), retry: retry(delays), ...settings } } });
const azureWithToken = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { azure: { entraToken: async () => entraToken, baseURL: server.url("/openai"), retry: retry(delays), ...settings } } });
/** Azure's error body: `{"error": {"code", "message"}}` (401: code "401", a missing deployment: "DeploymentNotFound"). */
const azureError = (status: number, message: string, headers: Record<string, string> = {}, code = String(status)): LoopbackReply => ({ status, headers, json: { error: { code, message } } });
const hi = [{ role: "user" as const, content: "Hi" }];
const chatPath = "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21";

// Entra ID: the token goes as Authorization: Bearer, fetched per request, and never shows in errors.
describeChatCompletionsConformance({ server, model: "azure:my-gpt", chatPath, apiKey: entraToken, keyHint: "entraToken", makeAI: azureWithToken });
// API key: sent as api-key.
describeFailureConformance({
  server,
  model: "azure:my-gpt",
  apiKey,
  keyHint: "AZURE_OPENAI_API_KEY",
  makeAI: azure,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  streamReply: { sse: textStream },
  errorReply: azureError,
});

describe("azure", () => {
  it("posts to the deployment URL with api-version and the api-key header, the deployment as model", async () => {
    server.reply({ json: chatCompletion({ content: "Hello." }, "stop", "gpt-4o-2024-11-20") });
    const reply = await azure().chat({ model: "azure:my-gpt", messages: hi, maxOutputTokens: 40 });
    const request = server.requests[0]!;
    expect(request.path).toBe(chatPath);
    expect(request.query.get("api-version")).toBe("2024-10-21");
    expect(request.headers["api-key"]).toBe(apiKey);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({ model: "my-gpt", messages: [{ role: "user", content: "Hi" }], max_completion_tokens: 40 });
    expect(reply).toMatchObject({ text: "Hello.", provider: "azure", model: "my-gpt", response: { modelId: "gpt-4o-2024-11-20" } });
  });

  it("streams tool calls and asks for json_schema structured output on a deployment", async () => {
    server.reply({ sse: toolCallStream, chunks: "bytes" });
    const events = await collect(azure().stream({ model: "azure:my-gpt", messages: hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }));
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, tools: [{ type: "function", function: { name: "get_weather" } }] });
    expect(events.find((event) => event.type === "tool-call")).toMatchObject({ toolName: "get_weather", input: { city: "Paris" } });
    server.reply({ json: chatCompletion({ content: '{"ok":true}' }) });
    await azure().generateObject({ model: "azure:my-gpt", messages: hi, schema: z.object({ ok: z.boolean() }) });
    expect(server.requests[1]!.body).toMatchObject({ response_format: { type: "json_schema", json_schema: { strict: true } } });
  });

  it("uses the v1 API with apiVersion: v1 (no api-version, deployment as model)", async () => {
    server.reply({ json: chatCompletion({ content: "ok" }) });
    await azure({ apiVersion: "v1" }).chat({ model: "azure:my-gpt", messages: hi });
    expect(server.requests[0]!.path).toBe("/openai/v1/chat/completions");
    expect(server.requests[0]!.body).toMatchObject({ model: "my-gpt" });
  });

  it("embeds through the embedding deployment (base64 float32 decoded), in order", async () => {
    const base64 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString("base64");
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 1, embedding: base64([0, 1]) }, { object: "embedding", index: 0, embedding: base64([1, 0]) }], model: "text-embedding-3-small", usage: { prompt_tokens: 2, total_tokens: 2 } } });
    const result = await azure().embed({ model: "azure:my-embeddings", input: ["a", "b"], dimensions: 2 });
    expect(server.requests[0]).toMatchObject({ path: "/openai/deployments/my-embeddings/embeddings?api-version=2024-10-21", body: { model: "my-embeddings", input: ["a", "b"], encoding_format: "base64", dimensions: 2 } });
    expect(result.embeddings).toEqual([[1, 0], [0, 1]]);
  });

  it("generates images through the image deployment", async () => {
    server.reply({ json: { created: 1, data: [{ b64_json: "iVBORw0KGgo=", revised_prompt: "A red fox." }] } });
    const result = await azure().image({ model: "azure:my-dalle", prompt: "a fox", size: "1024x1024" });
    expect(server.requests[0]).toMatchObject({ path: "/openai/deployments/my-dalle/images/generations?api-version=2024-10-21", body: { prompt: "a fox", size: "1024x1024", n: 1 } });
    expect(result.images[0]).toMatchObject({ base64: "iVBORw0KGgo=", revisedPrompt: "A red fox." });
  });

  it("asks the Entra token provider before every request", async () => {
    let calls = 0;
    server.handle(() => ({ json: chatCompletion({ content: "ok" }) }));
    const ai = azure({ apiKey: undefined, entraToken: () => `token-number-${++calls}-0123456789` });
    await ai.chat({ model: "azure:my-gpt", messages: hi });
    await ai.chat({ model: "azure:my-gpt", messages: hi });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["Bearer token-number-1-0123456789", "Bearer token-number-2-0123456789"]);
    expect(server.requests[0]!.headers["api-key"]).toBeUndefined();
  });

  it("fails with ConfigError for a token provider giving nothing, both credentials, or no resource", async () => {
    await expect(azure({ apiKey: undefined, entraToken: () => "" }).chat({ model: "azure:my-gpt", messages: hi })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
    expect(() => createAzure({ apiKey, entraToken, baseURL: server.url("/openai") })).toThrow(/apiKey or an entraToken, not both/);
    expect(() => createAzure({ apiKey }, undefined, {})).toThrow(/resourceName .*AZURE_OPENAI_ENDPOINT/);
    expect(() => createAzure({ apiKey, resourceName: "https://x.openai.azure.com" }, undefined, {})).toThrow(/not an Azure resource name/);
    expect(() => createAzure({}, undefined, { AZURE_OPENAI_ENDPOINT: "https://r.openai.azure.com/" })).toThrow(/AZURE_OPENAI_API_KEY/);
  });

  it("reads AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION from the environment", async () => {
    vi.stubEnv("AZURE_OPENAI_ENDPOINT", `${server.url("")}/`);
    vi.stubEnv("AZURE_OPENAI_API_KEY", "env-key-0123456789");
    vi.stubEnv("OPENAI_API_VERSION", "2025-04-01-preview");
    try {
      server.reply({ json: chatCompletion({ content: "ok" }) });
      await createAI({ providers: { azure: { retry: retry([]) } } }).chat({ model: "azure:gpt-4o", messages: hi });
      expect(server.requests[0]!.path).toBe("/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview");
      expect(server.requests[0]!.headers["api-key"]).toBe("env-key-0123456789");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("builds the URL from resourceName", () => {
    const driver = createAzure({ apiKey, resourceName: "my-resource" }, undefined, {});
    expect((driver.chatModel!("d") as unknown as { config: { http: { baseURL: string } } }).config.http.baseURL).toBe("https://my-resource.openai.azure.com/openai");
  });

  it("maps a missing deployment to a non-retryable error naming it, and a 401 without the key", async () => {
    server.reply(azureError(404, "The API deployment for this resource does not exist.", {}, "DeploymentNotFound"));
    await expect(azure().chat({ model: "azure:nope", messages: hi })).rejects.toMatchObject({ status: 404, isRetryable: false, message: expect.stringContaining("deployment for this resource does not exist") });
    server.reply(azureError(401, "Access denied due to invalid subscription key or wrong API endpoint."));
    const error = (await azure().chat({ model: "azure:my-gpt", messages: hi }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify([error.message, error.body, error.url])).not.toContain(apiKey);
  });
});
