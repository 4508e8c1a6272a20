// `isInstance` of every error class against an instance of every class: an instance is an instance of its own
// class and of its parents, never of a sibling or a child. Also across a duplicated package copy, stood in for
// by a plain object that carries only the `Symbol.for` markers of an instance.
import { describe, expect, it } from "vitest";
import {
  AIError,
  AuthenticationError,
  BudgetExceededError,
  ConfigError,
  ConnectionError,
  ContextLengthError,
  DimensionMismatchError,
  InvalidFilterValueError,
  InvalidSearchQueryError,
  NoEmbeddingsError,
  ObjectGenerationError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  RecordNotFoundError,
  TakeLimitError,
  TimeoutError,
  UnknownFieldError,
  UnsupportedCapabilityError,
  UnsupportedFilterError,
  WorkerError,
} from "../../src/spec/errors/index.js";

const provider = { provider: "openai" };

/** What the test needs of an error class: its name and its static `isInstance`. */
type ErrorClass = { readonly name: string; isInstance(value: unknown): boolean };

/** One instance of every class, with the class's parents (the chain up to AIError). */
const cases: Array<{ errorClass: ErrorClass; instance: AIError; parents: ErrorClass[] }> = [
  { errorClass: AIError, instance: new AIError("x", "x"), parents: [] },
  { errorClass: ConfigError, instance: new ConfigError("x"), parents: [AIError] },
  { errorClass: WorkerError, instance: new WorkerError("x"), parents: [AIError] },
  { errorClass: ProviderError, instance: new ProviderError("x", provider), parents: [AIError] },
  { errorClass: AuthenticationError, instance: new AuthenticationError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: RateLimitError, instance: new RateLimitError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: ContextLengthError, instance: new ContextLengthError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: ProviderResponseError, instance: new ProviderResponseError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: TimeoutError, instance: new TimeoutError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: ConnectionError, instance: new ConnectionError("x", provider), parents: [ProviderError, AIError] },
  { errorClass: UnsupportedCapabilityError, instance: new UnsupportedCapabilityError({ provider: "groq", capability: "embeddings" }), parents: [AIError] },
  { errorClass: ObjectGenerationError, instance: new ObjectGenerationError("x", { text: "{" }), parents: [AIError] },
  { errorClass: InvalidSearchQueryError, instance: new InvalidSearchQueryError("x"), parents: [AIError] },
  { errorClass: TakeLimitError, instance: new TakeLimitError("x", 10), parents: [AIError] },
  { errorClass: UnknownFieldError, instance: new UnknownFieldError("x", { model: "Post", field: "nope" }), parents: [AIError] },
  { errorClass: UnsupportedFilterError, instance: new UnsupportedFilterError("x", { operator: "search", path: "title" }), parents: [AIError] },
  { errorClass: InvalidFilterValueError, instance: new InvalidFilterValueError("x", "title"), parents: [AIError] },
  { errorClass: NoEmbeddingsError, instance: new NoEmbeddingsError("x", "Post"), parents: [AIError] },
  { errorClass: DimensionMismatchError, instance: new DimensionMismatchError("x", { expected: 3, actual: 2 }), parents: [AIError] },
  { errorClass: RecordNotFoundError, instance: new RecordNotFoundError("x", { model: "Post", id: "1" }), parents: [AIError] },
  { errorClass: BudgetExceededError, instance: new BudgetExceededError({ maxUsd: 1, spentUsd: 1, model: "openai:gpt-4o-mini" }), parents: [AIError] },
];

/** What a copy of the package loaded twice produces: another object, carrying the same `Symbol.for` markers. */
function fromAnotherCopy(instance: AIError): object {
  const copy: Record<symbol, unknown> = {};
  for (const symbol of Object.getOwnPropertySymbols(instance)) copy[symbol] = (instance as unknown as Record<symbol, unknown>)[symbol];
  return copy;
}

describe("isInstance of every error class", () => {
  it("covers every class the errors module exports", async () => {
    const exported = Object.values(await import("../../src/spec/errors/index.js")).filter(
      (value) => typeof value === "function" && (value === AIError || (value as { prototype: unknown }).prototype instanceof AIError),
    );
    expect(new Set(cases.map((item) => item.errorClass))).toEqual(new Set(exported));
  });

  for (const { errorClass, instance, parents } of cases) {
    it(`${errorClass.name}.isInstance accepts its own instances and its subclasses' instances, and no other`, () => {
      for (const other of cases) {
        const expected = other.errorClass === errorClass || other.parents.includes(errorClass);
        expect({ of: other.errorClass.name, result: errorClass.isInstance(other.instance) }).toEqual({ of: other.errorClass.name, result: expected });
        expect({ of: other.errorClass.name, result: errorClass.isInstance(fromAnotherCopy(other.instance)) }).toEqual({ of: other.errorClass.name, result: expected });
      }
      for (const parent of parents) expect(parent.isInstance(instance)).toBe(true);
      expect(errorClass.isInstance(new Error("x"))).toBe(false);
      expect(errorClass.isInstance(null)).toBe(false);
      expect(errorClass.isInstance("x")).toBe(false);
    });
  }

  it("fixes the bug of the inherited static: RateLimitError.isInstance(new ConfigError(...)) is false", () => {
    expect(RateLimitError.isInstance(new ConfigError("x"))).toBe(false);
    expect(ConfigError.isInstance(new RateLimitError("x", provider))).toBe(false);
    expect(ProviderError.isInstance(new RateLimitError("x", provider))).toBe(true);
  });
});
