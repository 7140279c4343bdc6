/**
 * `npm run eval [-- --set train,dev,test] [--misses]`: every labelled set through the real
 * dialog, figures per category and state (see report.ts). `--misses` lists what went wrong;
 * on the blind `test` set read it only to report, never to tune.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { faroDialog } from '../support/dialog.ts';
import { evaluate } from './evaluate.ts';
import { formatMisses, formatReport } from './report.ts';
import { readSet, setFile, SET_NAMES } from './sets.ts';

const { values } = parseArgs({ options: { set: { type: 'string', default: SET_NAMES.join(',') }, misses: { type: 'boolean', default: false } } });
const dialog = faroDialog();
for (const name of values.set.split(',')) {
  const file = setFile(name);
  if (!existsSync(file)) {
    console.log(`(no ${name} set at ${file.pathname})\n`);
    continue;
  }
  const results = evaluate(dialog, readSet(file));
  console.log(formatReport(name, results), '\n');
  if (values.misses) console.log(`### ${name}: missed\n${formatMisses(results)}\n`);
}
