// The call settings every chat model shares (temperature, topP...), mapped to a provider's field names by one
// table per driver, so the drivers differ only in the names, not in the copying or in how they warn.
import type { CallWarning, ChatSettings } from "../../spec/chat-model.js";

/**
 * Where a provider puts each of the shared settings: its field name on the wire, or `null` when it has none
 * (the setting is then dropped with an `unsupported-setting` warning). Every setting must be listed, so a new
 * one in `ChatSettings` is a type error in each driver until it decides. The table's order is the order the
 * fields are written (and the warnings given): a request body keeps the key order it always had.
 */
export type CallSettingNames = { readonly [Setting in keyof Required<ChatSettings>]: string | null };

/**
 * Copies the settings `options` gives into a new object under the provider's names from `names`, in the
 * table's order; for a setting the provider lacks, pushes onto `warnings`
 * `{ type: "unsupported-setting", setting, message: "<provider> does not support <setting>; it was not sent." }`.
 * Settings left `undefined` are neither sent nor warned about. Merge the result where the provider wants them
 * (`Object.assign(body, ...)`, `generationConfig`, Ollama's `options`): a key already there keeps its place.
 */
export function mapCallSettings(
  options: ChatSettings,
  names: CallSettingNames,
  report: { provider: string; warnings: CallWarning[] },
): Record<string, unknown> {
  const mapped: Record<string, unknown> = {};
  for (const setting of Object.keys(names) as Array<keyof ChatSettings>) {
    const value = options[setting];
    if (value === undefined) continue;
    const name = names[setting];
    if (name === null) {
      report.warnings.push({ type: "unsupported-setting", setting, message: `${report.provider} does not support ${setting}; it was not sent.` });
    } else {
      mapped[name] = value;
    }
  }
  return mapped;
}
