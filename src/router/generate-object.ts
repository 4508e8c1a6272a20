// ai.generateObject: a chat call asking for JSON that a zod schema validates; the reply is parsed before it is
// cached, so a reply that does not match is never served again.
import type { z } from "zod";
import type { ChatModel, ChatResult, ResponseFormat } from "../spec/chat-model.js";
import { ObjectGenerationError, UnsupportedCapabilityError } from "../spec/errors/index.js";
import { chatCallOptions, sendChat, withRouting } from "./chat.js";
import { pickModel } from "./default-models.js";
import type { GenerateObjectOptions, GenerateObjectResponse } from "./router-types.js";
import { withChatFallbacks, type RouterContext } from "./routing.js";
import { toJSONSchema } from "./tools.js";

/** `ai.generateObject`. */
export async function generateObject<Schema extends z.ZodType>(
  context: RouterContext,
  options: GenerateObjectOptions<Schema>,
): Promise<GenerateObjectResponse<z.output<Schema>>> {
  const { schema, schemaName, schemaDescription, ...chatOptions } = options;
  const reference = options.model ?? pickModel(context.routing.defaults, "chat", undefined, "ai.generateObject");
  const responseFormat: ResponseFormat = { type: "json", schema: toJSONSchema(schema), name: schemaName ?? "response" };
  if (schemaDescription !== undefined) responseFormat.description = schemaDescription;
  let object: unknown;
  const { result, model, failedAttempts } = await withChatFallbacks(context, reference, options.abortSignal, (candidate) => {
    if (candidate.capabilities.structuredOutput === "none") {
      throw new UnsupportedCapabilityError({ provider: candidate.provider, model: candidate.modelId, capability: "structured-output" });
    }
    // Parsed before the result is cached, so a reply that does not match the schema is never served again.
    return sendChat(context, candidate, chatCallOptions(candidate, { ...chatOptions, responseFormat }), (reply) => {
      object = parseObject(candidate, reply, schema);
    });
  });
  return withRouting(result.result, {
    cached: result.cached,
    costUsd: result.costUsd,
    provider: model.provider,
    model: model.modelId,
    failedAttempts,
    object: object as z.output<Schema>,
  });
}

/** The reply of `generateObject` as JSON validated by `schema`; an `ObjectGenerationError` when it is not. */
function parseObject(model: ChatModel, result: ChatResult, schema: z.ZodType): unknown {
  const text = stripCodeFence(result.text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ObjectGenerationError(
      `${model.provider}:${model.modelId} replied with text that is not JSON (${(error as Error).message}); retry, or use a model with structured output.`,
      { text: result.text, cause: error },
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    const first = issues[0];
    throw new ObjectGenerationError(
      `${model.provider}:${model.modelId} replied with JSON that does not match the schema (${first ? `${first.path.map(String).join(".") || "(root)"}: ${first.message}` : "invalid"}); retry, or simplify the schema.`,
      { text: result.text, issues, cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Removes a Markdown code fence around a JSON reply (JSON-mode models sometimes add one). */
function stripCodeFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? match[1]! : text;
}
