// Usage: node check.mjs FILE.html CLIENT_GLOB...
// Prints the caniemail.com verdicts for the HTML as JSON: {"errors": [...], "notes": [...]}.
import { readFileSync } from "node:fs";
import { doIUseEmail } from "@jsx-email/doiuse-email";

const [file, ...clients] = process.argv.slice(2);
const html = readFileSync(file, "utf8");
const result = doIUseEmail(html, { emailClients: clients });
process.stdout.write(JSON.stringify({ errors: result.errors ?? [], notes: result.notes ?? [] }));
