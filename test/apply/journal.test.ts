import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../../src/apply/journal.js';

const entry = (key: string, outcome: JournalEntry['outcome']): JournalEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  planHash: 'p1',
  kind: 'ServiceAccount',
  key,
  action: 'create',
  outcome,
});

describe('the journal', () => {
  it('survives a torn last line twice: each resumed run closes the fragment before appending', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'snac-journal-')), 'j.jsonl');
    await new Journal(path).append(entry('svc_a', 'started'));
    appendFileSync(path, '{"time":"2026-01-01T00:00:01.000Z","planHash":"p1","ki');

    const resumed = new Journal(path);
    await resumed.append(entry('svc_b', 'started'));
    await resumed.append(entry('svc_b', 'ok'));
    appendFileSync(path, '{"time":"2026-01-01T00:00:02');

    const again = new Journal(path);
    await again.append(entry('svc_c', 'started'));
    expect((await again.entries('p1')).map((e) => `${e.key}:${e.outcome}`)).toEqual(['svc_a:started', 'svc_b:started', 'svc_b:ok', 'svc_c:started']);
    expect(readFileSync(path, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(6);
  });

  it('keeps only the entries of the plan asked for', async () => {
    const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-journal-')), 'deep', 'j.jsonl'));
    await journal.append(entry('svc_a', 'started'));
    await journal.append({ ...entry('svc_b', 'started'), planHash: 'p2' });
    expect((await journal.entries('p2')).map((e) => e.key)).toEqual(['svc_b']);
  });
});
