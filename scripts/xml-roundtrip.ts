/**
 * npm run xml-roundtrip -- DIR [DIR...]: applies every XML edit the app offers to every domain,
 * network, storage pool and volume XML file under DIR (offline, no libvirt), and checks that each
 * changed only the nodes it declares. Progress goes to stderr; the last stdout line is the JSON
 * report. Exit status 1 when an edit failed, 2 on bad usage.
 */
import { runRoundTrip, type RoundTripReport } from '../src/main/xml/roundTrip';

const dirs = process.argv.slice(2).filter((a) => a !== '--');
if (dirs.length === 0) {
  console.error('usage: npm run xml-roundtrip -- DIR [DIR...]');
  process.exit(2);
}

const total: RoundTripReport = { name: 'xml-roundtrip', files: 0, edits: 0, passed: 0, failed: [] };
for (const dir of dirs) {
  let last = 0;
  const report = runRoundTrip(dir, (done, count) => {
    if (done - last >= 200 || done === 0) {
      last = done;
      console.error(`xml-roundtrip: ${dir}: ${done}/${count} files`);
    }
  });
  total.files += report.files;
  total.edits += report.edits;
  total.passed += report.passed;
  total.failed.push(...report.failed);
  console.error(
    `xml-roundtrip: ${dir}: ${report.files} files, ${report.passed}/${report.edits} edits passed`,
  );
}
for (const f of total.failed.slice(0, 50)) console.error(`FAILED ${f.file} ${f.edit}: ${f.why}`);
console.log(JSON.stringify(total));
process.exitCode = total.failed.length > 0 ? 1 : 0;
