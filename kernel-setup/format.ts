/** `npm run format`: formats the library, the tooling, the tests and the chapters' code cells, then lists what the linter still finds. */
import { checkCodeStyle } from "./code-style";

const findings = checkCodeStyle({ write: true });
for (const f of findings) console.log(`${f.where}: ${f.message}`);
console.log(
  findings.length ? `\n${findings.length} lint findings to fix by hand` : "formatted; the linter finds nothing",
);
process.exitCode = findings.length ? 1 : 0;
