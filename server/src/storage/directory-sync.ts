import { open } from 'node:fs/promises';

/**
 * Makes renames into a folder durable with as few folder fsyncs as possible. A caller needs an
 * fsync that starts after its rename; callers arriving while one is running share the next one,
 * so a burst of small objects into one folder costs two fsyncs, not one each.
 */
export class DirectorySyncer {
  private readonly folders = new Map<string, { running: Promise<void>; next?: Promise<void> }>();

  constructor(private readonly fsync: (dir: string) => Promise<void> = fsyncDir) {}

  sync(dir: string): Promise<void> {
    const state = this.folders.get(dir);
    if (!state) return this.start(dir);
    state.next ??= state.running.catch(ignore).then(() => this.start(dir));
    return state.next;
  }

  private start(dir: string): Promise<void> {
    const running = this.fsync(dir).finally(() => {
      const state = this.folders.get(dir);
      if (state?.running !== running) return;
      if (state.next) {
        // The queued fsync takes over as the running one when it starts, in start().
        return;
      }
      this.folders.delete(dir);
    });
    const state = this.folders.get(dir);
    if (state) {
      state.running = running;
      state.next = undefined;
    } else this.folders.set(dir, { running });
    return running;
  }
}

async function fsyncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ignore() {}
