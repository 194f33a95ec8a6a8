/**
 * Sums the vitest JSON reports of one `npm test` run into the plain closing
 * line CI reads — "tests: N passed, N failed, N skipped" — after the slowest
 * ten tests of the run, so that a test drifting towards its timeout shows
 * before it fails. A suite that crashed before writing its report is named.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    assertionResults: { fullName: string; duration?: number | null; status: string }[];
  }[];
}

let passed = 0;
let failed = 0;
let skipped = 0;
const timings: { suite: string; file: string; test: string; ms: number }[] = [];
for (const file of process.argv.slice(2)) {
  const suite = path.basename(file, ".json");
  if (!existsSync(file)) {
    console.log(`${suite}: no report (the suite did not finish)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8")) as Report;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  for (const result of r.testResults)
    for (const a of result.assertionResults)
      if (a.duration)
        timings.push({
          suite,
          file: path.relative(process.cwd(), result.name),
          test: a.fullName,
          ms: a.duration,
        });
}
timings.sort((a, b) => b.ms - a.ms);
console.log("slowest tests:");
for (const t of timings.slice(0, 10))
  console.log(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.suite}  ${t.file} › ${t.test}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
