import { describe, expect, it } from "vitest";
import { knownProviders as generatorProviders } from "../../generator/index.js";
import { builtInProviders } from "../../src/router/built-in-providers.js";
import { defaultPrices, knownEmbeddingDimensions, knownProviders } from "../../src/spec/catalogue/index.js";

describe("provider catalogue", () => {
  it("names exactly the router's built-in factories, and the generator reads the same list", () => {
    expect([...knownProviders].sort()).toEqual(Object.keys(builtInProviders).sort());
    expect(generatorProviders).toBe(knownProviders);
  });

  it("keys its tables by a known provider", () => {
    for (const model of [...Object.keys(knownEmbeddingDimensions), ...Object.keys(defaultPrices)]) {
      expect(knownProviders).toContain(model.slice(0, model.indexOf(":")));
    }
  });
});
