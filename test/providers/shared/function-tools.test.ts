import { describe, expect, it } from "vitest";
import { fromFunctionToolCall, onlyChosenTool, toFunctionTool, toFunctionToolCalls, toolResultText } from "../../../src/providers/shared/function-tools.js";
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

describe("tool calls and results on the wire", () => {
  it("writes calls as id, type, function { name, arguments } with string input as is and anything else as JSON", () => {
    const calls = [
      { toolCallId: "c1", toolName: "weather", input: { city: "Paris" } },
      { toolCallId: "c2", toolName: "raw", input: "{not json" },
      { toolCallId: "c3", toolName: "none", input: undefined },
    ];
    expect(JSON.stringify(toFunctionToolCalls(calls))).toBe(
      '[{"id":"c1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},' +
        '{"id":"c2","type":"function","function":{"name":"raw","arguments":"{not json"}},' +
        '{"id":"c3","type":"function","function":{"name":"none","arguments":"{}"}}]',
    );
  });

  it("reads a call's arguments as JSON, keeping invalid JSON as text and missing arguments as {}", () => {
    expect(fromFunctionToolCall({ id: "c1", function: { name: "weather", arguments: '{"city":"Paris"}' } })).toStrictEqual({ toolCallId: "c1", toolName: "weather", input: { city: "Paris" } });
    expect(fromFunctionToolCall({ id: "c2", function: { name: "raw", arguments: "{not json" } }).input).toBe("{not json");
    expect(fromFunctionToolCall({ id: "c3", function: { name: "none", arguments: null } }).input).toEqual({});
  });

  it("sends tool results as text: strings as they are, anything else as JSON", () => {
    expect(toolResultText("sunny")).toBe("sunny");
    expect(toolResultText({ temp: 21 })).toBe('{"temp":21}');
    expect(toolResultText(undefined)).toBe("null");
  });
});
