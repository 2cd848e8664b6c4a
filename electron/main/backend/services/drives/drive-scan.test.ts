// Drive discovery on a real temp folder tree: mounts appear and go away under PLENO_DRIVE_ROOTS, files are listed
// by kind with bounds, camera rolls are not taken for QR exports.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driveParents, listMounts, scanDrive } from './drive-scan';
import { createDriveWatcher } from './drive-watcher';
import { createEventBus } from '../../context';
import type { PlenoEvent } from '../../../../../shared/contracts/events';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'pleno-drives-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('drive scan', () => {
  it('reads PLENO_DRIVE_ROOTS as extra parents', () => {
    expect(
      driveParents({ PLENO_DRIVE_ROOTS: ['/a', '/b'].join(process.platform === 'win32' ? ';' : ':') }, 'linux'),
    ).toEqual(expect.arrayContaining(['/a', '/b', '/mnt']));
  });

  it('lists bundles, C.Hasil envelopes and QR images only, bounded', () => {
    const root = tmp();
    mkdirSync(join(root, 'PLENO', 'qr'), { recursive: true });
    mkdirSync(join(root, 'DCIM', 'Camera'), { recursive: true });
    writeFileSync(join(root, 'PLENO', '6302142001001.pleno'), 'PK');
    writeFileSync(join(root, 'PLENO', 'bupati.json'), '{"payload":{"format":"pleno.c-hasil/1"}}');
    writeFileSync(join(root, 'PLENO', 'settings.json'), '{"theme":"dark"}');
    writeFileSync(join(root, 'PLENO', 'qr', 'a.png'), PNG_MAGIC);
    writeFileSync(join(root, 'DCIM', 'Camera', 'IMG_0001.jpg'), 'x');
    writeFileSync(join(root, 'DCIM', 'Camera', 'qr-tps3.jpg'), 'x');
    const { files, truncated } = scanDrive(root);
    expect(truncated).toBe(false);
    expect(files.map((f) => [f.name.replace(/\\/g, '/'), f.kind]).sort()).toEqual([
      ['DCIM/Camera/qr-tps3.jpg', 'qr-image'],
      ['PLENO/6302142001001.pleno', 'bundle'],
      ['PLENO/bupati.json', 'envelope'],
      ['PLENO/qr/a.png', 'qr-image'],
    ]);
    const bounded = scanDrive(root, { maxDepth: 4, maxEntries: 100, maxFiles: 2 });
    expect(bounded.files).toHaveLength(2);
    expect(bounded.truncated).toBe(true);
    expect(
      scanDrive(root, { maxDepth: 1, maxEntries: 100, maxFiles: 100 })
        .files.map((f) => f.kind)
        .sort(),
    ).toEqual(['bundle', 'envelope']);
  });

  it('notices a drive that appears and one that goes away, emitting drives-changed', () => {
    const parent = tmp();
    const events = createEventBus();
    const seen: PlenoEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const log = { info() {}, warn() {}, error: () => 'ref' };
    const w = createDriveWatcher({ events, log }, { parents: () => [parent], intervalMs: 60_000 });
    try {
      expect(w.drives()).toEqual([]);
      mkdirSync(join(parent, 'KPPS-03'));
      writeFileSync(join(parent, 'KPPS-03', '6302142001003.pleno'), 'PK');
      expect(w.refresh()).toBe(true);
      expect(listMounts([parent])).toEqual([join(parent, 'KPPS-03')]);
      expect(w.drives().map((d) => [d.label, d.files.length])).toEqual([['KPPS-03', 1]]);
      expect(w.refresh()).toBe(false);
      rmSync(join(parent, 'KPPS-03'), { recursive: true });
      expect(w.refresh()).toBe(true);
      expect(w.drives()).toEqual([]);
      expect(seen.filter((e) => e.type === 'drives-changed')).toHaveLength(2);
    } finally {
      w.close();
    }
  });
});
