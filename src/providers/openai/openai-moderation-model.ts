// POST /moderations.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { ModerationCallOptions, ModerationModel, ModerationResult } from "../../spec/moderation-model.js";
import { openaiModerationResponseSchema } from "./openai-api.js";
import { openaiFailedResponseHandler } from "./openai-error.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";

/** A moderation model (`omni-moderation-latest`, `text-moderation-latest`). */
export class OpenAIModerationModel implements ModerationModel {
  readonly provider: string;
  readonly modelId: string;
  private readonly http: HttpClient;
  private readonly handler = createJsonResponseHandler(openaiModerationResponseSchema);

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
  }

  async doModerate(options: ModerationCallOptions): Promise<ModerationResult> {
    const response = await this.http.postJson({
      path: "/moderations",
      model: this.modelId,
      body: { model: this.modelId, input: options.input },
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: openaiFailedResponseHandler,
    });
    return {
      results: response.value.results.map((result) => ({
        flagged: result.flagged,
        categories: Object.fromEntries(Object.entries(result.categories).map(([name, value]) => [name, value === true])),
        categoryScores: Object.fromEntries(
          Object.entries(result.category_scores).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
        ),
      })),
      raw: response.value,
      response: { requestId: response.requestId, id: response.value.id ?? undefined, modelId: response.value.model ?? undefined },
    };
  }
}
