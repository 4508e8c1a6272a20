// The model registry: provider factories (built-in and `ai.extend`ed), their settings, the drivers built from
// them, and the models built from model strings.
import type { ChatModel } from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import { ConfigError, UnsupportedCapabilityError } from "../spec/errors/index.js";
import type { ImageModel } from "../spec/image-model.js";
import type { ModerationModel } from "../spec/moderation-model.js";
import type { ProviderDriver, ProviderFactory, ProviderSettings } from "../spec/provider.js";
import { builtInProviders, type AnyProviderFactory } from "./built-in-providers.js";
import { parseModelString } from "./model-string.js";
import type { ChatModelReference, ProviderConfig } from "./router-types.js";

const providerNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What a model string can name: a model of each capability. */
export type ModelKind = "chat" | "embeddings" | "images" | "moderation";

/** Providers by name, their drivers (built on first use) and the models of model strings (cached per string). */
export class ModelRegistry {
  private readonly factories = new Map<string, AnyProviderFactory>(Object.entries(builtInProviders));
  private readonly configs: Record<string, ProviderConfig>;
  private readonly extraSettings = new Map<string, ProviderSettings>();
  private readonly drivers = new Map<string, ProviderDriver>();
  /** Models built from model strings, by capability then model string. */
  private readonly models: Record<ModelKind, Map<string, unknown>> = {
    chat: new Map(),
    embeddings: new Map(),
    images: new Map(),
    moderation: new Map(),
  };

  /** Checks the configured providers and builds those with a built-in driver now (so a missing API key fails here). */
  constructor(providers: Record<string, ProviderConfig> | undefined) {
    this.configs = { ...providers };
    for (const [name, config] of Object.entries(this.configs)) {
      if (!providerNamePattern.test(name)) {
        throw new ConfigError(`Provider name ${JSON.stringify(name)} is invalid; use letters, digits, ".", "_" or "-" (no ":").`);
      }
      if (typeof config !== "object" || config === null) throw new ConfigError(`The settings of provider "${name}" must be an object.`);
      if (config.factory !== undefined) {
        if (typeof config.factory !== "function") throw new ConfigError(`The \`factory\` of provider "${name}" must be a function (settings, context) => driver.`);
        this.factories.set(name, config.factory as AnyProviderFactory);
      }
      const driver = factoryName(name, config);
      if (config.driver !== undefined && !this.factories.has(driver)) {
        throw new ConfigError(`Provider "${name}" uses driver "${driver}", which is not a built-in; built-ins: ${[...this.factories.keys()].join(", ") || "(none)"}.`);
      }
      if (this.factories.has(driver)) this.driver(name);
    }
  }

  /** Names of the configured providers that run a built-in under another name (`{ driver }`). */
  renamedProviders(): string[] {
    return Object.entries(this.configs)
      .filter(([name, config]) => config.driver !== undefined && config.driver !== name)
      .map(([name]) => name);
  }

  /** Builds the driver of `provider` now when a factory for it is known (fallbacks name providers to check early). */
  buildIfKnown(provider: string): void {
    if (this.factories.has(factoryName(provider, this.configs[provider]))) this.driver(provider);
  }

  /** Names of the providers model strings may use: built-ins, configured and extended ones. */
  providers(): string[] {
    return [...new Set([...this.factories.keys(), ...Object.keys(this.configs)])].sort();
  }

  /** `ai.extend`: registers `factory` as `name`, forgetting the driver and models built before under that name. */
  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): void {
    if (!providerNamePattern.test(name)) {
      throw new ConfigError(`Provider name ${JSON.stringify(name)} is invalid; use letters, digits, ".", "_" or "-" (no ":").`);
    }
    if (typeof factory !== "function") throw new ConfigError(`ai.extend("${name}", factory) needs a factory function (settings) => driver.`);
    this.factories.set(name, factory as unknown as AnyProviderFactory);
    if (settings !== undefined) this.extraSettings.set(name, settings);
    this.drivers.delete(name);
    for (const models of Object.values(this.models)) for (const reference of [...models.keys()]) if (reference.startsWith(`${name}:`)) models.delete(reference);
    if (this.configs[name] !== undefined || settings !== undefined) this.driver(name);
  }

  /** The chat model of a model string, or the model object given. */
  chatModel(reference: ChatModelReference): ChatModel {
    return typeof reference === "string" ? this.model(reference, "chat") : reference;
  }

  /** The model for a model string, from the provider's driver (cached per string). */
  model(reference: string, capability: "chat"): ChatModel;
  model(reference: string, capability: "embeddings"): EmbeddingModel;
  model(reference: string, capability: "images"): ImageModel;
  model(reference: string, capability: "moderation"): ModerationModel;
  model(reference: string, capability: ModelKind): unknown {
    const cached = this.models[capability].get(reference);
    if (cached !== undefined) return cached;
    const { provider, modelId } = parseModelString(reference, this.providers());
    const driver = this.driver(provider);
    const methodName = ({ chat: "chatModel", embeddings: "embeddingModel", images: "imageModel", moderation: "moderationModel" } as const)[capability];
    const method = driver[methodName] as ((this: ProviderDriver, modelId: string) => unknown) | undefined;
    if (typeof method !== "function") throw new UnsupportedCapabilityError({ provider, capability });
    const model: unknown = method.call(driver, modelId);
    this.models[capability].set(reference, model);
    return model;
  }

  /** The driver registered as `name`, built on first use. */
  private driver(name: string): ProviderDriver {
    const existing = this.drivers.get(name);
    if (existing) return existing;
    const config = this.configs[name];
    const factory = this.factories.get(factoryName(name, config));
    if (!factory) {
      throw new ConfigError(
        `Unknown provider "${name}"; known providers: ${this.providers().join(", ") || "(none)"}. Register it with ai.extend("${name}", factory) or fix the model string.`,
      );
    }
    let settings: ProviderSettings = config ?? this.extraSettings.get(name) ?? {};
    if (config?.driver !== undefined || config?.factory !== undefined) {
      const { driver: _driver, factory: _factory, ...rest } = config;
      settings = rest;
    }
    const driver = (factory as unknown as ProviderFactory)(settings, { name });
    if (typeof driver !== "object" || driver === null) throw new ConfigError(`The factory of provider "${name}" returned no driver object.`);
    this.drivers.set(name, driver);
    return driver;
  }
}

/** The factory a provider entry runs: its own (`factory`, registered under its name), else `driver`'s, else its name's. */
function factoryName(name: string, config: ProviderConfig | undefined): string {
  return config?.factory !== undefined ? name : (config?.driver ?? name);
}
