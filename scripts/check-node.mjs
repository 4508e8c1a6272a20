// One clear sentence instead of a cryptic failure later when Node is too old for Prisma 7.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12) || major === 21 || major === 23) {
  console.error(`prisma-ai needs Node.js 20.19+, 22.12+ or 24+ (Prisma 7's floor); this is ${process.version}: install a newer Node.js.`);
  process.exit(1);
}
