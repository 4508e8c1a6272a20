import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { textErrorResponseHandler, createJsonResponseHandler } from "../../../src/http/response-handlers.js";
import { bearerAuthentication, resolveProviderSettings, type ProviderSettingsSpec } from "../../../src/providers/shared/provider-settings.js";
import { AuthenticationError, ConfigError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";

const spec: ProviderSettingsSpec = {
  name: "acme",
  defaultBaseURL: "https://api.acme.test/v1",
  apiKeyEnvironmentVariables: ["ACME_API_KEY", "ACME_KEY"],
  authenticate: (key) => ({ authorization: `Bearer ${key}` }),
};

const server = await startLoopbackServer();
afterAll(() => server.close());

describe("resolveProviderSettings", () => {
  it("takes the key from the settings, else the first environment variable set", () => {
    expect(resolveProviderSettings({ apiKey: "from-settings" }, spec, { ACME_API_KEY: "from-env" }).apiKey).toBe("from-settings");
    expect(resolveProviderSettings({}, spec, { ACME_KEY: "second" }).apiKey).toBe("second");
    const resolved = resolveProviderSettings({ headers: { "x-team": "t1" } }, spec, { ACME_API_KEY: "first", ACME_KEY: "second" });
    expect(resolved).toMatchObject({ apiKey: "first", baseURL: "https://api.acme.test/v1", headers: { authorization: "Bearer first", "x-team": "t1" } });
  });

  it("names the environment variables when the key is missing", () => {
    expect(() => resolveProviderSettings({}, spec, {})).toThrow(ConfigError);
    expect(() => resolveProviderSettings({}, spec, {})).toThrow(/No API key for the acme provider: set ACME_API_KEY or ACME_KEY or pass `apiKey`/);
    expect(resolveProviderSettings({}, { ...spec, apiKeyRequired: false }, {}).headers).toEqual({});
  });

  it("requires a baseURL when there is no default, takes one from an environment variable, and strips trailing slashes", () => {
    expect(() => resolveProviderSettings({ apiKey: "k" }, { name: "compat" }, {})).toThrow(/The compat provider needs a baseURL/);
    expect(resolveProviderSettings({ apiKey: "k", baseURL: "http://127.0.0.1:8000/v1//" }, { name: "compat" }, {}).baseURL).toBe("http://127.0.0.1:8000/v1");
    const local = { name: "local", apiKeyRequired: false, defaultBaseURL: "http://127.0.0.1:11434/api", baseURLEnvironmentVariable: { name: "LOCAL_HOST", toBaseURL: (value: string) => `${value}/api` } };
    expect(resolveProviderSettings({}, local, { LOCAL_HOST: "http://gpu:11434" }).baseURL).toBe("http://gpu:11434/api");
    expect(resolveProviderSettings({}, local, {}).baseURL).toBe("http://127.0.0.1:11434/api");
  });

  it("rejects malformed settings with a ConfigError", () => {
    expect(() => resolveProviderSettings({ apiKey: "k", baseURL: "api.acme.test" }, spec, {})).toThrow(/is not an http\(s\) URL/);
    expect(() => resolveProviderSettings({ apiKey: "k", timeoutMs: -1 }, spec, {})).toThrow(/timeoutMs must be a positive number/);
    expect(() => resolveProviderSettings({ apiKey: "k", maxRetries: 1.5 }, spec, {})).toThrow(/maxRetries must be a whole number/);
    expect(() => resolveProviderSettings({ apiKey: "  " }, spec, {})).toThrow(/apiKey must be a non-empty string/);
  });

  it("builds an HTTP client that authenticates, and whose 401 error names the variables but never the key", async () => {
    server.reply({ json: { ok: true } }, { status: 401, text: "invalid key sk-acme-secret-99" });
    const { http } = resolveProviderSettings({ apiKey: "sk-acme-secret-99", baseURL: server.url("/v1"), maxRetries: 0 }, spec, {});
    const options = { path: "/ping", body: {}, successfulResponseHandler: createJsonResponseHandler(z.object({ ok: z.boolean() })), failedResponseHandler: textErrorResponseHandler };
    expect((await http.postJson(options)).value).toEqual({ ok: true });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-acme-secret-99");
    const error = (await http.postJson(options).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("check ACME_API_KEY / ACME_KEY or the apiKey setting of the acme provider");
    expect(`${error.message} ${error.body}`).not.toContain("sk-acme-secret-99");
  });
});

describe("bearerAuthentication", () => {
  it("sends the key as an Authorization Bearer credential, and is redacted from errors like any key", () => {
    expect(bearerAuthentication("sk-123")).toEqual({ authorization: "Bearer sk-123" });
    const { headers } = resolveProviderSettings({ apiKey: "sk-123", headers: { "x-extra": "1" } }, { name: "acme", defaultBaseURL: "https://acme.test/v1", authenticate: bearerAuthentication });
    expect(headers).toEqual({ authorization: "Bearer sk-123", "x-extra": "1" });
  });
});
