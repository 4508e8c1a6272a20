// docs/tasks.md
declare const issueBody: string, comment: string, email: string, article: string, typesFile: string;

// #region tasks
import { createAI } from "prisma-extension-ai";
import { z } from "zod";

const ai = createAI({ providers: { openai: {}, anthropic: {} } });
const model = "openai:gpt-4o-mini"; // or "anthropic:claude-haiku-4-5", "google:gemini-2.5-flash"...

// One label of a fixed list, typed as their union ("bug" | "feature" | "question"); descriptions optional.
const { label } = await ai.classify({ model, text: issueBody, labels: ["bug", "feature", "question"] });
const triage = await ai.classify({ model, text: issueBody, labels: { urgent: "users are blocked", normal: "anything else" } });
// Every label that applies, in the order given, possibly none.
const { labels } = await ai.classify({ model, text: comment, labels: ["spam", "harassment", "off-topic"], multiple: true });

// Typed data out of free text: `object` is typed and validated by the zod schema.
const { object: contact } = await ai.extract({
  model,
  text: email,
  schema: z.object({ name: z.string(), company: z.string().nullable(), phones: z.array(z.string()) }),
});

// Free text back: a paragraph or "- " bullets, within maxWords, in the text's language unless `language` is set.
const { text: summary } = await ai.summarize({ model, text: article, maxWords: 60, format: "bullets", language: "English" });

// The translation, and the source language the model detected (undefined when `from` is given).
const { text: german, detectedLanguage } = await ai.translate({ model, text: "Bonjour {name} !", to: "German" });

// Code without Markdown fences; `language` as given, else the one the model tagged its block with.
const { code, language } = await ai.generateCode({ model, prompt: "A slugify(title) function", language: "typescript", context: typesFile });
// #endregion

const urgent: "urgent" | "normal" = triage.label;
console.log(label, urgent, labels, contact.company, summary, german, detectedLanguage, code, language);
