import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../src/core/ports';
import { JsonlJournal } from '../src/node/jsonl-journal';
import { useTempDir } from './support/temp-dir';

const entry = (path: string, versionId = 'v1'): JournalEntry => ({
  path,
  size: 10,
  mtimeMs: 1_700_000_000_000.5,
  deviceAssetId: '1:2',
  versionId,
  contentHash: 'ab'.repeat(32),
});

describe('JSON-lines journal', () => {
  const dir = useTempDir();
  const path = () => join(dir(), 'journal.jsonl');

  it('keeps recorded entries across a reopen, the last line for a path winning', async () => {
    const journal = await JsonlJournal.open(path());
    await journal.record([entry('A/a'), entry('A/b')]);
    await journal.record([entry('A/a', 'v2')]);
    await journal.close();

    const reopened = await JsonlJournal.open(path());
    expect(reopened.size()).toBe(2);
    expect(reopened.get('A/a')?.versionId).toBe('v2');
    expect(reopened.get('A/b')).toEqual(entry('A/b'));
    await reopened.close();
  });

  it('forgets entries durably, and a later record of the path brings it back', async () => {
    const journal = await JsonlJournal.open(path());
    await journal.record([entry('A/a'), entry('A/b'), entry('A/c')]);
    await journal.forget(['A/a', 'A/b', 'A/unknown']);
    await journal.record([entry('A/b', 'v2')]);
    await journal.close();

    const reopened = await JsonlJournal.open(path());
    expect([...reopened.all()].map((e) => [e.path, e.versionId])).toEqual([
      ['A/c', 'v1'],
      ['A/b', 'v2'],
    ]);
    expect(reopened.get('A/a')).toBeUndefined();
    await reopened.compact();
    await reopened.close();
    expect((await readFile(path(), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('ignores a torn last line left by a crash, and appends cleanly after it', async () => {
    const journal = await JsonlJournal.open(path());
    await journal.record([entry('A/a')]);
    await journal.close();
    await appendFile(path(), JSON.stringify(entry('A/torn')).slice(0, 25));

    const reopened = await JsonlJournal.open(path());
    expect(reopened.size()).toBe(1);
    expect(reopened.get('A/torn')).toBeUndefined();
    await reopened.record([entry('A/c')]);
    await reopened.close();

    const third = await JsonlJournal.open(path());
    expect([third.get('A/a')?.path, third.get('A/c')?.path]).toEqual(['A/a', 'A/c']);
    await third.close();
  });

  it('compacts to one line per path without losing entries', async () => {
    const journal = await JsonlJournal.open(path());
    for (let i = 0; i < 5; i++)
      await journal.record([entry('A/a', `v${i}`), entry('A/b', `v${i}`)]);
    await journal.compact();
    await journal.record([entry('A/c')]);
    await journal.close();

    const lines = (await readFile(path(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    const reopened = await JsonlJournal.open(path());
    expect(reopened.get('A/a')?.versionId).toBe('v4');
    expect(reopened.size()).toBe(3);
    await reopened.close();
  });
});
