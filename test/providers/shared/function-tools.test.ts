import { describe, expect, it } from "vitest";
import { onlyChosenTool, toFunctionTool } from "../../../src/providers/shared/function-tools.js";
import { ConfigError } from "../../../src/spec/errors/index.js";

const weather = { name: "weather", description: "Weather in a city", inputSchema: { type: "object", properties: { city: { type: "string" } } } };
const time = { name: "time", inputSchema: { type: "object" }, strict: true };

describe("toFunctionTool", () => {
  it("writes name, description (when given) and parameters, in that order, and nothing else", () => {
    expect(JSON.stringify(toFunctionTool(weather))).toBe(
      '{"type":"function","function":{"name":"weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}',
    );
    expect(JSON.stringify(toFunctionTool(time))).toBe('{"type":"function","function":{"name":"time","parameters":{"type":"object"}}}');
  });
});

describe("onlyChosenTool", () => {
  it("keeps only the named tool", () => {
    expect(onlyChosenTool([weather, time], "time")).toEqual([time]);
  });

  it("fails with a ConfigError naming the tool when it is not among the tools", () => {
    expect(() => onlyChosenTool([weather], "time")).toThrow(ConfigError);
    expect(() => onlyChosenTool([], "time")).toThrow('toolChoice names tool "time", which is not among the tools given; add it to `tools`.');
  });
});
