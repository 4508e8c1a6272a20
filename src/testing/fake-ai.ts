// fakeAI(): a real AI core (createAI) whose providers are all in-process fakes, for users' own tests.
import { builtInProviders } from "../router/built-in-providers.js";
import { createAI, type AI } from "../ai/create-ai.js";
import type { CreateAIOptions, ProviderConfig } from "../router/router-types.js";
import { embeddingDimensionsOf } from "../spec/catalogue/embedding-dimensions.js";
import { ConfigError } from "../spec/errors/index.js";
import { createFakeProvider } from "./fake-provider.js";
import { FakeRecordings, type FakeRecordingOptions } from "./fake-recordings.js";
import {
  chatMatches,
  FakeScript,
  type FakeCall,
  type FakeCallKind,
  type FakeChatCall,
  type FakeChatMatcher,
  type FakeEmbedCall,
  type FakeFault,
  type FakeFaultOptions,
  type FakeReply,
} from "./fake-script.js";

/** Options of {@link fakeAI}: those of `createAI` (fallbacks, defaults, limits, cache...) except `providers`. */
export interface FakeAIOptions extends Omit<CreateAIOptions, "providers"> {
  /**
   * Provider names to fake besides every built-in provider and `fake` (names your app registers with
   * `ai.extend` or configures under its own name, e.g. `["together"]`). Default: none.
   */
  providers?: string[];
  /**
   * Vector size of embeddings when a call asks for none and the model's native size is unknown (known ones, such as
   * `openai:text-embedding-3-small` at 1,536, keep theirs). Calls from `withAI` and the worker always ask for the
   * schema's size. Default: 256.
   */
  dimensions?: number;
  /**
   * Answer what the script does not from a fixture of real replies (`mode: "replay"`, the default), or record
   * it from a real AI core (`mode: "record"`, `from: createAI(...)`). Default: none (generated replies and
   * `fakeEmbedding` vectors).
   */
  recordings?: FakeRecordingOptions;
}

/** Which recorded calls an assertion is about. */
export interface FakeCallFilter {
  /** `"provider"` or `"provider:model-id"`. Default: any. */
  model?: string;
  /**
   * For chat and stream calls, a substring of (or RegExp on) the last user message, or a predicate on the call;
   * for embed calls, a substring of (or RegExp on) one of the values, or a predicate on the call.
   */
  matching?: FakeChatMatcher | ((call: FakeEmbedCall) => boolean);
  /** Exactly this many calls must match. Default: at least one. */
  times?: number;
}

/** The AI core of {@link fakeAI}: everything `createAI` returns, plus the script, the recorded calls and the faults. */
export interface FakeAI extends AI {
  /** Queues replies for the next chat calls, in order (after them, the default reply). Returns the same fake. */
  reply(...replies: FakeReply[]): FakeAI;
  /** Answers every chat call `matcher` selects with `reply` (checked before the queue, first registered first). */
  replyWhen(matcher: FakeChatMatcher, reply: FakeReply): FakeAI;
  /** Every recorded call, or those of one kind, in order. Failed calls (injected faults) are included, with `error`. */
  calls(): FakeCall[];
  calls(kind: "chat" | "stream"): FakeChatCall[];
  calls(kind: "embed"): FakeEmbedCall[];
  /** Throws (with the calls seen) unless calls of `kind` matching `filter` were made; returns them. */
  expectCalled(kind: "chat" | "stream", filter?: FakeCallFilter): FakeChatCall[];
  expectCalled(kind: "embed", filter?: FakeCallFilter): FakeEmbedCall[];
  /** Throws (with the calls seen) if a call of `kind` matching `filter` was made. */
  expectNotCalled(kind: FakeCallKind, filter?: Omit<FakeCallFilter, "times">): void;
  /** The next call(s) of `kind` (`"any"`: every kind) fail with `fault`. Default `times`: 1. */
  failNext(kind: FakeCallKind | "any", fault: FakeFault, options?: FakeFaultOptions): FakeAI;
  /** Every call of `kind` fails with `fault` until {@link FakeAI.recover} (or `times` calls). */
  fail(kind: FakeCallKind | "any", fault: FakeFault, options?: FakeFaultOptions): FakeAI;
  /** Removes every injected fault. */
  recover(): FakeAI;
  /** Forgets scripted replies, recorded calls and faults (e.g. in `beforeEach`). Usage and caches are kept. */
  reset(): FakeAI;
}

const defaultFakeDimensions = 256;
const allKinds: readonly FakeCallKind[] = ["chat", "stream", "embed"];

/**
 * A real AI core (`createAI`: routing, fallbacks, limits, cache, usage, tasks) whose providers are in-process fakes
 * registered like any provider: every built-in name (`openai`, `anthropic`...) plus `fake`, so the model strings of
 * your schema and code work unchanged, with no API key and no network. Chat answers from the script (`reply`,
 * `replyWhen`; default: `fake reply to: <prompt>`, or the simplest object the schema allows); embeddings are
 * deterministic and meaningful (see `fakeEmbedding`), so `semanticSearch` ranks plausibly. Pass it wherever an
 * AI core goes: `withAI({ ai })`, `runAIWorker({ ai })`.
 *
 * ```ts
 * const ai = fakeAI({ fallbacks: { "openai:gpt-4o": ["anthropic:claude-haiku-4-5"] } });
 * ai.failNext("chat", "rate-limit", { model: "openai" }).reply("Hello");
 * const reply = await ai.chat({ model: "openai:gpt-4o", messages: [{ role: "user", content: "Hi" }] });
 * // reply.provider === "anthropic", reply.text === "Hello"
 * ```
 */
export function fakeAI(options: FakeAIOptions = {}): FakeAI {
  const { providers: extraProviders = [], dimensions = defaultFakeDimensions, recordings, ...createOptions } = options;
  if (!(Number.isInteger(dimensions) && dimensions >= 1)) throw new ConfigError(`fakeAI: \`dimensions\` must be a whole number >= 1, got ${String(dimensions)}.`);
  if (!Array.isArray(extraProviders)) throw new ConfigError("fakeAI: `providers` must be an array of provider names, e.g. [\"together\"].");
  const script = new FakeScript(dimensions, (model) => embeddingDimensionsOf(model)?.native, recordings === undefined ? undefined : new FakeRecordings(recordings));
  const factory = createFakeProvider(script);
  const names = new Set([...Object.keys(builtInProviders), "fake", ...extraProviders]);
  const providers: Record<string, ProviderConfig> = {};
  for (const name of names) providers[name] = { factory };
  const ai = createAI({ ...createOptions, providers } as CreateAIOptions);

  const filtered = (kind: FakeCallKind, filter: Omit<FakeCallFilter, "times"> = {}): FakeCall[] =>
    script.recorded.filter((call) => {
      if (call.kind !== kind) return false;
      if (filter.model !== undefined && filter.model !== call.provider && filter.model !== call.model) return false;
      if (filter.matching === undefined) return true;
      if (call.kind === "embed") {
        const matching = filter.matching;
        if (typeof matching === "function") return (matching as (call: FakeEmbedCall) => boolean)(call);
        return call.values.some((value) => (typeof matching === "string" ? value.includes(matching) : matching.test(value)));
      }
      return chatMatches(filter.matching as FakeChatMatcher, call);
    });
  const describeCalls = (kind: FakeCallKind): string => {
    const seen = script.recorded.filter((call) => call.kind === kind);
    if (seen.length === 0) return `no ${kind} call was made`;
    const lines = seen.slice(-10).map((call) => (call.kind === "embed" ? `  ${call.model} ${JSON.stringify(call.values.slice(0, 3))}` : `  ${call.model} ${JSON.stringify(call.prompt.slice(0, 80))}`));
    return `${kind} calls seen (last ${lines.length} of ${seen.length}):\n${lines.join("\n")}`;
  };
  const describeFilter = (filter: FakeCallFilter): string =>
    [filter.model && `model ${filter.model}`, filter.matching !== undefined && `matching ${typeof filter.matching === "function" ? "the predicate" : String(filter.matching)}`]
      .filter(Boolean)
      .join(", ") || "any";
  const faultKinds = (kind: FakeCallKind | "any"): readonly FakeCallKind[] => {
    if (kind === "any") return allKinds;
    if (!allKinds.includes(kind)) throw new ConfigError(`fakeAI: unknown call kind ${JSON.stringify(kind)}; use "chat", "stream", "embed" or "any".`);
    return [kind];
  };

  const fake = ai as FakeAI;
  const methods: Omit<FakeAI, keyof AI> = {
    reply(...replies) {
      script.reply(replies);
      return fake;
    },
    replyWhen(matcher, reply) {
      script.replyWhen(matcher, reply);
      return fake;
    },
    calls: ((kind?: FakeCallKind) => (kind === undefined ? [...script.recorded] : filtered(kind))) as FakeAI["calls"],
    expectCalled: ((kind: FakeCallKind, filter: FakeCallFilter = {}) => {
      const found = filtered(kind, filter);
      const ok = filter.times === undefined ? found.length > 0 : found.length === filter.times;
      if (!ok) {
        const wanted = filter.times === undefined ? "at least one" : `exactly ${filter.times}`;
        throw new Error(`fakeAI: expected ${wanted} ${kind} call (${describeFilter(filter)}), found ${found.length}; ${describeCalls(kind)}`);
      }
      return found;
    }) as FakeAI["expectCalled"],
    expectNotCalled(kind, filter = {}) {
      const found = filtered(kind, filter);
      if (found.length > 0) throw new Error(`fakeAI: expected no ${kind} call (${describeFilter(filter)}), found ${found.length}; ${describeCalls(kind)}`);
    },
    failNext(kind, fault, faultOptions = {}) {
      script.addFault(faultKinds(kind), fault, faultOptions, 1);
      return fake;
    },
    fail(kind, fault, faultOptions = {}) {
      script.addFault(faultKinds(kind), fault, faultOptions, Infinity);
      return fake;
    },
    recover() {
      script.recover();
      return fake;
    },
    reset() {
      script.reset();
      return fake;
    },
  };
  return Object.assign(fake, methods);
}
