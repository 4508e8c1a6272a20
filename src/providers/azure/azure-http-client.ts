// Azure OpenAI's URL shape and Entra ID tokens, on top of the one HTTP client: the OpenAI drivers stay unchanged.
import { HttpClient, type HttpClientSettings, type HttpResponse, type HttpStreamResponse, type RequestOptions } from "../../http/http-client.js";
import type { SuccessfulResponseHandler } from "../../http/response-handlers.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { AzureEntraToken } from "./azure-options.js";

/** How the Azure client rewrites a request of the OpenAI drivers. */
export interface AzureRequestShape {
  /** A dated version (deployment URLs with `?api-version=`) or `"v1"` (the v1 GA API). */
  apiVersion: string;
  /** The Entra ID token (or its provider), sent as `Authorization: Bearer`. */
  entraToken?: AzureEntraToken | undefined;
}

/**
 * An `HttpClient` whose base URL is the resource's `.../openai`: an OpenAI driver's `/chat/completions` for
 * deployment `d` goes to `/deployments/d/chat/completions?api-version=V` (or `/v1/chat/completions` on the v1
 * API), with a fresh Entra token per call when one is configured (redacted from errors like any credential).
 */
export class AzureHttpClient extends HttpClient {
  private readonly shape: AzureRequestShape;

  constructor(settings: HttpClientSettings, shape: AzureRequestShape) {
    super(settings);
    this.shape = shape;
  }

  override async postJson<T>(options: RequestOptions & { body: unknown; successfulResponseHandler: SuccessfulResponseHandler<T> }): Promise<HttpResponse<T>> {
    return super.postJson({ ...options, ...(await this.azureRequest(options)) });
  }

  override async postStream(options: RequestOptions & { body: unknown; accept?: string }): Promise<HttpStreamResponse> {
    return super.postStream({ ...options, ...(await this.azureRequest(options)) });
  }

  override async getJson<T>(options: RequestOptions & { successfulResponseHandler: SuccessfulResponseHandler<T> }): Promise<HttpResponse<T>> {
    return super.getJson({ ...options, ...(await this.azureRequest(options)) });
  }

  /** The Azure path (and the Entra token header) of a request an OpenAI driver builds. */
  private async azureRequest(options: RequestOptions): Promise<{ path: string; headers?: Record<string, string> }> {
    let path: string;
    if (this.shape.apiVersion === "v1") path = `/v1${options.path}`;
    else {
      if (options.model === undefined) throw new ConfigError(`${this.provider}: a deployment name is needed for ${options.path}.`);
      path = `/deployments/${encodeURIComponent(options.model)}${options.path}?api-version=${encodeURIComponent(this.shape.apiVersion)}`;
    }
    const token = this.shape.entraToken;
    if (token === undefined) return { path };
    const value = typeof token === "function" ? await token() : token;
    if (typeof value !== "string" || value.trim() === "") {
      throw new ConfigError(`The entraToken of the ${this.provider} provider gave no token; check the credential it comes from.`);
    }
    return { path, headers: { authorization: `Bearer ${value}`, ...options.headers } };
  }
}
