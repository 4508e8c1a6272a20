// The moderation contract (OpenAI moderations today).
import type { CallOptions, ResponseInfo } from "./shared-types.js";

export interface ModerationCallOptions extends CallOptions {
  /** Texts to classify; one result each, in order. */
  input: string[];
}

/** The verdict on one input. */
export interface ModerationVerdict {
  flagged: boolean;
  /** Category name (provider's naming, e.g. `harassment/threatening`) -> flagged. */
  categories: Record<string, boolean>;
  /** Category name -> score in [0, 1]. */
  categoryScores: Record<string, number>;
}

export interface ModerationResult {
  results: ModerationVerdict[];
  raw: unknown;
  response: ResponseInfo;
}

/** A moderation (content classification) model. */
export interface ModerationModel {
  readonly provider: string;
  readonly modelId: string;
  doModerate(options: ModerationCallOptions): Promise<ModerationResult>;
}
