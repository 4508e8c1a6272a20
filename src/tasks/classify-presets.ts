// Ready label sets for ai.classify: `labels: "sentiment"` or `labels: "topic"` instead of a list.

/** The label sets `ai.classify({ labels })` accepts by name, each label with the description the model reads. */
export const classifyPresets = {
  /** The feeling a text expresses. */
  sentiment: {
    positive: "favourable: praise, satisfaction, enthusiasm, gratitude",
    negative: "unfavourable: complaint, anger, disappointment, criticism",
    neutral: "factual or without a clear feeling either way",
    mixed: "clearly positive about some things and clearly negative about others",
  },
  /** What a text is mainly about (broad news/content categories). */
  topic: {
    business: "companies, markets, the economy, work and careers",
    finance: "personal or corporate money: investing, banking, saving, taxes, prices",
    technology: "software, hardware, the internet, gadgets, computing",
    science: "research and discoveries in the natural and social sciences",
    health: "medicine, illness, fitness, nutrition, mental health",
    politics: "government, elections, laws, public policy, international relations",
    sports: "games, athletes, teams, competitions",
    entertainment: "film, television, music, games, celebrities, the arts",
    education: "schools, universities, teaching, learning",
    travel: "trips, destinations, transport, hotels",
    food: "cooking, recipes, restaurants, drinks",
    lifestyle: "home, fashion, relationships, hobbies, everyday life",
    environment: "climate, nature, pollution, energy, sustainability",
    other: "none of the above",
  },
} as const;

/** The names of the ready label sets: `"sentiment"`, `"topic"`. */
export type ClassifyPreset = keyof typeof classifyPresets;

/** The labels of a ready label set: `PresetLabel<"sentiment">` is `"positive" | "negative" | "neutral" | "mixed"`. */
export type PresetLabel<Preset extends ClassifyPreset> = keyof (typeof classifyPresets)[Preset] & string;
