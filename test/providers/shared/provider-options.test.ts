import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseProviderOptions, providerOptionsKeys } from "../../../src/providers/shared/provider-options.js";
import { ConfigError } from "../../../src/spec/errors/index.js";

const schema = z.strictObject({ safePrompt: z.boolean().optional(), mode: z.string().optional() });

describe("parseProviderOptions", () => {
  it("reads the registered name first, then the driver's name", () => {
    expect(providerOptionsKeys("mistral", "mistral")).toEqual(["mistral"]);
    expect(providerOptionsKeys("eu-mistral", "mistral")).toEqual(["eu-mistral", "mistral"]);
    const options = { mistral: { safePrompt: false, mode: "a" }, "eu-mistral": { safePrompt: true }, openai: { user: "ignored" } };
    expect(parseProviderOptions(options, ["eu-mistral", "mistral"], schema)).toEqual({ safePrompt: true, mode: "a" });
    expect(parseProviderOptions(undefined, ["mistral"], schema)).toEqual({});
  });

  it("applies the schema's defaults when the call has no options for the driver", () => {
    const withDefault = z.strictObject({ mode: z.string().default("auto") });
    for (let call = 0; call < 2; call++) {
      expect(parseProviderOptions(undefined, ["mistral"], withDefault)).toEqual({ mode: "auto" });
      expect(parseProviderOptions({ openai: { user: "u" } }, ["mistral"], withDefault)).toEqual({ mode: "auto" });
    }
    expect(parseProviderOptions({ mistral: { mode: "fast" } }, ["mistral"], withDefault)).toEqual({ mode: "fast" });
    const first = parseProviderOptions(undefined, ["mistral"], schema);
    expect(first).toEqual({});
    expect(parseProviderOptions(undefined, ["mistral"], schema)).not.toBe(first);
  });

  it("rejects an unknown or mistyped key with a ConfigError naming it and the accepted keys", () => {
    expect(() => parseProviderOptions({ mistral: { safe_prompt: true } }, ["mistral"], schema)).toThrow(ConfigError);
    expect(() => parseProviderOptions({ mistral: { safePrompt: "yes" } }, ["mistral"], schema)).toThrow(
      /Invalid providerOptions\.mistral \(safePrompt: .*\); the accepted keys are safePrompt, mode\./,
    );
  });
});
