// Parse a GIFT file with gift-pegjs (an independent, maintained parser) and print JSON.
// Usage: node tests/gift_parse.cjs FILE
const fs = require("fs");
const path = require("path");
const parser = require(path.join(__dirname, "..", "node_modules", "gift-pegjs"));
try {
  process.stdout.write(JSON.stringify(parser.parse(fs.readFileSync(process.argv[2], "utf8"))));
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message} at line ${error.location?.start?.line}\n`);
  process.exit(1);
}
