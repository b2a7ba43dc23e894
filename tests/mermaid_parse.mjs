// Parses Mermaid diagrams with Mermaid's own parser (as GitHub's renderer would) under jsdom.
// Reads a JSON array of diagram texts on stdin; prints a JSON array: null for a diagram that
// parses, else the parser's error message.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const verdicts = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    verdicts.push(null);
  } catch (error) {
    verdicts.push(String(error.message || error));
  }
}
process.stdout.write(JSON.stringify(verdicts));
