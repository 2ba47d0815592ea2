/**
 * XML edit fixtures in files, as virt-manager's tests/data/xmlparse keeps them: an edit's input
 * is test/fixtures/xml/<name>-in.xml and exactly what it produces today is <name>-out.xml, so
 * `diff <name>-in.xml <name>-out.xml` shows a reviewer what the edit changes and nothing else.
 * Inputs are written with double quotes, as the serializer writes every attribute, for that
 * reason. `name` is the path under test/fixtures/xml without the suffix ('edits/domain/disk-add').
 * The pairs live under edits/; domain/ and network/ beside it hold the hand-written guests of the
 * XML round trip (test/unit/xml/deviceScope.test.ts), which are not pairs.
 *
 * To regenerate the -out files after a deliberate change of output, run the test with
 * VIRTDECK_UPDATE_FIXTURES=1 (it writes instead of comparing), then read `git diff test/fixtures`
 * before committing: the diff is the behaviour change. Never regenerate to make a failure go away.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const XML_FIXTURES = join(process.cwd(), 'test/fixtures/xml');

const UPDATE = process.env.VIRTDECK_UPDATE_FIXTURES === '1';

/** The input of pair `name`: test/fixtures/xml/<name>-in.xml. */
export function fixture(name: string): string {
  return readFileSync(join(XML_FIXTURES, `${name}-in.xml`), 'utf8');
}

/** `actual` is exactly test/fixtures/xml/<name>-out.xml (or, when updating, becomes it). */
export function expectMatchesFixture(actual: string, name: string): void {
  const file = join(XML_FIXTURES, `${name}-out.xml`);
  if (UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: write it with VIRTDECK_UPDATE_FIXTURES=1 and read it`);
  }
  expect(actual, `${name}-out.xml`).toBe(readFileSync(file, 'utf8'));
}
