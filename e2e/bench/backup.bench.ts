/**
 * `npm run bench`: Cairn against restic on the same 1 GiB folder, the same 1 % edit, a no-change
 * re-run and a restore, in one run. Writes bench-report.json and prints both side by side with the
 * targets as ratios. Needs restic (`apt-get install restic`) and GNU time.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTenant } from '../src/api';
import { buildFolder, editInPlace, listFiles } from '../src/folder';
import { repoRoot, startServer } from '../src/harness';
import { cpuSecondsOf, mb, peakRssOf } from './measure';
import type { ToolRun } from './tools';
import { CairnTool, ResticTool } from './tools';

const MiB = 1024 * 1024;

interface Phases {
  first: ToolRun;
  edit: ToolRun;
  noChange: ToolRun;
  restore: ToolRun;
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  const folder = join(work, 'Phone');
  const server = await startServer({ LOG_LEVEL: 'error' });
  try {
    console.log('building the 1 GiB folder ...');
    await buildFolder(folder, {
      largeFiles: [
        { name: 'Movies/a.mov', bytes: 300 * MiB },
        { name: 'Movies/b.mov', bytes: 220 * MiB },
        { name: 'Movies/c.mov', bytes: 120 * MiB },
      ],
      photos: 100,
      photoBytes: [2 * MiB, 4 * MiB],
      documents: 40,
      textFiles: 4000,
      extras: true,
    });
    const files = await listFiles(folder);
    const totalBytes = await folderBytes(folder, files);

    const cairn = new CairnTool(join(work, 'cairn-home'));
    const tenant = await createTenant(server);
    await cairn.login(server.url, tenant.apiKey);
    const restic = new ResticTool(join(work, 'restic-repo'));
    await restic.init();

    console.log(`backing up ${files.length} files, ${(totalBytes / MiB).toFixed(0)} MiB ...`);
    const serverCpuBefore = await cpuSecondsOf(server.process.pid ?? 0);
    const cairnFirst = await cairn.backup(folder);
    const serverCpuFirst = (await cpuSecondsOf(server.process.pid ?? 0)) - serverCpuBefore;
    const resticFirst = await restic.backup(folder);

    const edited = pickOnePercent(files);
    for (const path of edited) await editInPlace(join(folder, path), randomInt(2048, 8192));
    const cairnEdit = await cairn.backup(folder);
    const resticEdit = await restic.backup(folder);

    const cairnNoChange = await cairn.backup(folder);
    const resticNoChange = await restic.backup(folder);

    const cairnRestore = await cairn.restore(join(work, 'cairn-restore'));
    const resticRestore = await restic.restore(join(work, 'restic-restore'));

    const report = buildReport(
      { bytes: totalBytes, files: files.length, editedFiles: edited.length },
      { first: cairnFirst, edit: cairnEdit, noChange: cairnNoChange, restore: cairnRestore },
      { first: resticFirst, edit: resticEdit, noChange: resticNoChange, restore: resticRestore },
      {
        peakRssBytes: await peakRssOf(server.process.pid ?? 0),
        firstBackupCpuSeconds: serverCpuFirst,
      },
    );
    await writeFile(join(repoRoot, 'bench-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    printReport(report);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

function pickOnePercent(files: string[]): string[] {
  const count = Math.max(1, Math.round(files.length / 100));
  const step = files.length / count;
  return Array.from({ length: count }, (_, i) => files[Math.floor(i * step)] as string);
}

async function folderBytes(root: string, files: string[]) {
  let total = 0;
  for (const path of files) total += (await stat(join(root, path))).size;
  return total;
}

function summarise(phase: Phases, totalBytes: number) {
  const runs = [phase.first, phase.edit, phase.noChange, phase.restore];
  return {
    firstBackupSeconds: phase.first.seconds,
    firstBackupMBps: mb(totalBytes) / phase.first.seconds,
    firstBackupCpuSeconds: phase.first.cpuSeconds,
    bytesSentAfterEdit: phase.edit.bytesSent,
    editBackupSeconds: phase.edit.seconds,
    noChangeSeconds: phase.noChange.seconds,
    restoreSeconds: phase.restore.seconds,
    restoreMBps: mb(totalBytes) / phase.restore.seconds,
    clientPeakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)),
  };
}

type ToolSummary = ReturnType<typeof summarise>;

function buildReport(
  folder: { bytes: number; files: number; editedFiles: number },
  cairnPhases: Phases,
  resticPhases: Phases,
  server: { peakRssBytes: number; firstBackupCpuSeconds: number },
) {
  const cairn = summarise(cairnPhases, folder.bytes);
  const restic = summarise(resticPhases, folder.bytes);
  return {
    date: new Date().toISOString(),
    folder,
    cairn: {
      ...cairn,
      serverPeakRssBytes: server.peakRssBytes,
      serverFirstBackupCpuSeconds: server.firstBackupCpuSeconds,
    },
    restic,
    targets: {
      firstBackupTimeRatio: {
        value: cairn.firstBackupSeconds / restic.firstBackupSeconds,
        max: 1.5,
      },
      noChangeTimeRatio: { value: cairn.noChangeSeconds / restic.noChangeSeconds, max: 2 },
      bytesSentAfterEditRatio: {
        value: cairn.bytesSentAfterEdit / Math.max(1, restic.bytesSentAfterEdit),
        max: 1,
      },
      cliPeakRssMB: { value: mb(cairn.clientPeakRssBytes), max: 300 },
    },
  };
}

function printReport(report: ReturnType<typeof buildReport>) {
  const rows: [string, (tool: ToolSummary) => string][] = [
    ['first backup MB/s', (t) => fmt(t.firstBackupMBps)],
    ['first backup s', (t) => fmt(t.firstBackupSeconds)],
    ['first backup client CPU s', (t) => fmt(t.firstBackupCpuSeconds)],
    ['bytes sent after 1 % edit (MB)', (t) => fmt(mb(t.bytesSentAfterEdit))],
    ['no-change re-run s', (t) => fmt(t.noChangeSeconds)],
    ['restore MB/s', (t) => fmt(t.restoreMBps)],
    ['client peak RSS MB', (t) => fmt(mb(t.clientPeakRssBytes))],
  ];
  console.log(`\n${'measure'.padEnd(34)}${'cairn'.padStart(12)}${'restic'.padStart(12)}`);
  for (const [label, value] of rows) {
    console.log(
      `${label.padEnd(34)}${value(report.cairn).padStart(12)}${value(report.restic).padStart(12)}`,
    );
  }
  console.log(
    `${'server peak RSS MB'.padEnd(34)}${fmt(mb(report.cairn.serverPeakRssBytes)).padStart(12)}`,
  );
  const serverCpu = fmt(report.cairn.serverFirstBackupCpuSeconds);
  console.log(`${'first backup server CPU s, w/o PG'.padEnd(34)}${serverCpu.padStart(12)}`);
  console.log('\ntarget                              value     limit');
  for (const [name, { value, max }] of Object.entries(report.targets)) {
    const verdict = value <= max ? 'met' : 'MISSED';
    console.log(`${name.padEnd(34)}${fmt(value).padStart(8)}  <= ${max}  ${verdict}`);
  }
  console.log('\nreport written to bench-report.json');
}

function fmt(value: number) {
  return value.toFixed(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
