import { describe, expect, it } from "vitest";
import { mapCallSettings, type CallSettingNames } from "../../../src/providers/shared/call-settings.js";
import type { CallWarning } from "../../../src/spec/chat-model.js";

const names: CallSettingNames = {
  maxOutputTokens: "max_tokens",
  temperature: "temperature",
  topP: "p",
  topK: "k",
  stopSequences: "stop",
  seed: null,
  frequencyPenalty: "frequency_penalty",
  presencePenalty: null,
};

describe("mapCallSettings", () => {
  it("copies the given settings under the provider's names, in the table's order", () => {
    const warnings: CallWarning[] = [];
    const mapped = mapCallSettings(
      { stopSequences: ["END"], topK: 40, topP: 0.9, temperature: 0.5, maxOutputTokens: 100, frequencyPenalty: 0.1 },
      names,
      { provider: "acme", warnings },
    );
    expect(JSON.stringify(mapped)).toBe('{"max_tokens":100,"temperature":0.5,"p":0.9,"k":40,"stop":["END"],"frequency_penalty":0.1}');
    expect(warnings).toEqual([]);
  });

  it("sends falsy values (0, empty list) and skips only undefined ones", () => {
    const warnings: CallWarning[] = [];
    expect(mapCallSettings({ temperature: 0, topP: undefined, stopSequences: [] }, names, { provider: "acme", warnings })).toEqual({ temperature: 0, stop: [] });
    expect(mapCallSettings({}, names, { provider: "acme", warnings })).toEqual({});
    expect(warnings).toEqual([]);
  });

  it("drops a setting the provider lacks with an unsupported-setting warning naming the provider, in table order", () => {
    const warnings: CallWarning[] = [{ type: "other", message: "earlier" }];
    const mapped = mapCallSettings({ presencePenalty: 0.2, seed: 0, temperature: 1 }, names, { provider: "my-acme", warnings });
    expect(mapped).toEqual({ temperature: 1 });
    expect(warnings).toEqual([
      { type: "other", message: "earlier" },
      { type: "unsupported-setting", setting: "seed", message: "my-acme does not support seed; it was not sent." },
      { type: "unsupported-setting", setting: "presencePenalty", message: "my-acme does not support presencePenalty; it was not sent." },
    ]);
  });

  it("keeps the place of a key already in the object it is merged into", () => {
    const body: Record<string, unknown> = { model: "m", max_tokens: 4096, messages: [] };
    Object.assign(body, mapCallSettings({ temperature: 0.2, maxOutputTokens: 50 }, names, { provider: "acme", warnings: [] }));
    expect(JSON.stringify(body)).toBe('{"model":"m","max_tokens":50,"messages":[],"temperature":0.2}');
  });
});
