import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectorySyncer } from '../../src/storage/directory-sync';

/** A folder fsync the test completes by hand, recording when each one started. */
function manualFsync() {
  const started: { dir: string; finish: () => void; fail: (e: Error) => void }[] = [];
  const fsync = (dir: string) =>
    new Promise<void>((finish, fail) => started.push({ dir, finish, fail }));
  return { started, fsync };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DirectorySyncer', () => {
  it('makes a burst of callers share two fsyncs of their folder', async () => {
    const { started, fsync } = manualFsync();
    const syncer = new DirectorySyncer(fsync);
    const first = syncer.sync('/a');
    const burst = Array.from({ length: 50 }, () => syncer.sync('/a'));
    expect(started).toHaveLength(1);

    started[0]!.finish();
    await first;
    await tick();
    // The burst arrived while the first fsync ran, so it needs one that starts after it.
    expect(started).toHaveLength(2);
    started[1]!.finish();
    await Promise.all(burst);
    expect(started).toHaveLength(2);
  });

  it('never answers a caller with an fsync that started before it asked', async () => {
    const { started, fsync } = manualFsync();
    const syncer = new DirectorySyncer(fsync);
    let lateDone = false;
    void syncer.sync('/a');
    const late = syncer.sync('/a').then(() => (lateDone = true));
    started[0]!.finish();
    await tick();
    expect(lateDone).toBe(false);
    started[1]!.finish();
    await late;
    expect(lateDone).toBe(true);
  });

  it('keeps folders apart and passes an fsync failure to its callers only', async () => {
    const { started, fsync } = manualFsync();
    const syncer = new DirectorySyncer(fsync);
    const a = syncer.sync('/a');
    const b = syncer.sync('/b');
    expect(started.map((s) => s.dir)).toEqual(['/a', '/b']);
    started[0]!.fail(new Error('EIO'));
    started[1]!.finish();
    await expect(a).rejects.toThrow('EIO');
    await expect(b).resolves.toBeUndefined();
    const again = syncer.sync('/a');
    expect(started).toHaveLength(3);
    started[2]!.finish();
    await expect(again).resolves.toBeUndefined();
  });

  it('fsyncs a real folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-dirsync-'));
    await expect(new DirectorySyncer().sync(dir)).resolves.toBeUndefined();
  });
});
