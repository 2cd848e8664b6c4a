#!/usr/bin/env node
// Lists the mutants a Stryker run left alive (docs/testing.md), also while the run is still going: from the events
// the event-recorder reporter writes as each mutant is tested (build/mutation/<target>-events/), or from the finished
// JSON report (build/mutation/<target>.json) when it is newer.
//
//   node scripts/mutation-survivors.mjs shared-formats [file-filter]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [tag = 'all', filter = ''] = process.argv.slice(2);
const events = join(root, 'build/mutation', `${tag}-events`);
const report = join(root, 'build/mutation', `${tag}.json`);

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
/** @type {{ file: string, line: number, col: number, mutator: string, replacement: string, status: string }[]} */
const mutants = [];
if (mtime(report) >= mtime(events) && existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, f] of Object.entries(r.files))
    for (const m of f.mutants)
      mutants.push({
        file,
        line: m.location.start.line,
        col: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status,
      });
} else if (existsSync(events)) {
  for (const name of readdirSync(events).filter((n) => n.endsWith('-onMutantTested.json'))) {
    const m = JSON.parse(readFileSync(join(events, name), 'utf8'));
    mutants.push({
      file: m.fileName.replace(/^.*?\/(shared|electron)\//, '$1/'),
      line: m.location.start.line,
      col: m.location.start.column,
      mutator: m.mutatorName,
      replacement: m.replacement ?? '',
      status: m.status,
    });
  }
} else {
  process.stderr.write(`no ${report} and no ${events}\n`);
  process.exit(1);
}

const count = (s) => mutants.filter((m) => m.status === s).length;
const alive = mutants
  .filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && m.file.includes(filter))
  .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
for (const m of alive)
  process.stdout.write(
    `${m.file}:${m.line}:${m.col} ${m.status === 'NoCoverage' ? 'NO COVERAGE ' : ''}${m.mutator} → ${m.replacement.replace(/\s+/g, ' ').slice(0, 100)}\n`,
  );
const killed = count('Killed') + count('Timeout');
const valid = killed + count('Survived') + count('NoCoverage');
process.stdout.write(
  `\n${mutants.length} tested: ${count('Killed')} killed, ${count('Timeout')} timeout, ${count('Survived')} survived, ` +
    `${count('NoCoverage')} no coverage; score ${valid ? ((100 * killed) / valid).toFixed(2) : '-'} %\n`,
);
