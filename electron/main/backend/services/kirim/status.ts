// The Kirim screen's view of the outbox (shared/contracts/kirim.contract.ts): each push with its state in words,
// its receipt, the photos still to send, the receiver and the PPK key to register. Read-only.
import type { BackendContext } from '../../context';
import {
  currentPenerima,
  fotoSeluler,
  latestDitolak,
  latestTandaTerima,
  listManifests,
  type ManifestRow,
} from '../../repositories/kirim.repo';
import { ppkKeyOrNull } from '../keys/ppk-key';
import type { KirimPushView, KirimStatus } from '../../../../../shared/contracts/kirim.contract';
import { ditolakReason, manifestOf } from './steps';
import { groupFingerprint } from './penerima';
import type { PushLive, RunnerView } from './runner';

const count = (n: number, what: string) => (n > 0 ? [`${n} ${what}`] : []);

function isiOf(m: ReturnType<typeof manifestOf>['payload']): string {
  const j = (k: string) => m.objek.filter((o) => o.jenis === k).length;
  const b = (k: string) => m.berkas.filter((o) => o.jenis === k).length;
  return [
    ...(j('d-hasil') ? ['D.Hasil'] : []),
    ...(j('kejadian-khusus') ? ['D.Kejadian Khusus'] : []),
    ...count(j('c-hasil'), 'C.Hasil'),
    ...count(b('pdf'), 'PDF'),
    ...count(b('foto'), 'foto'),
  ].join(', ');
}

function liveState(l: PushLive | undefined): 'mengirim' | 'ditolak' | null {
  if (!l) return null;
  if (l.ditolak) return 'ditolak';
  return l.stage === 'manifest' || l.stage === 'objek' || l.stage === 'berkas' ? 'mengirim' : null;
}

function eta(l: PushLive): number | null {
  const secs = (Date.now() - l.since) / 1000;
  if (l.sent <= 0 || secs < 1 || l.total <= l.sent) return null;
  return Math.round(((l.total - l.sent) * secs) / l.sent);
}

function pushView(ctx: Pick<BackendContext, 'db'>, row: ManifestRow, run: RunnerView, blocked: string | null) {
  const m = manifestOf(row).payload;
  const t = latestTandaTerima(ctx.db, row.sha256);
  const l = run.live.get(row.sha256);
  const live = liveState(l);
  // A refusal stored by an earlier run (or before a restart) stands until a receipt or a new attempt replaces it.
  const refused = !t && !live ? latestDitolak(ctx.db, row.sha256) : undefined;
  const state: KirimPushView['state'] =
    t?.status === 'lengkap' ? 'lengkap' : (live ?? (t ? 'menunggu-berkas' : refused ? 'ditolak' : 'menunggu'));
  const fotos = m.berkas.filter((b) => b.jenis === 'foto');
  let reason: string | null = null;
  if (refused) reason = ditolakReason(refused.masalah);
  else if (state === 'ditolak' || state === 'menunggu') reason = l?.reason ?? blocked;
  const view: KirimPushView = {
    manifest: row.sha256,
    pemilihan: m.pemilihan,
    urutan: m.urutan,
    dibuat: m.dibuat,
    isi: isiOf(m),
    state,
    sentBytes: state === 'mengirim' && l ? l.sent : 0,
    totalBytes: state === 'mengirim' && l ? l.total : 0,
    etaSeconds: state === 'mengirim' && l ? eta(l) : null,
    reason,
    receipt: t
      ? {
          status: t.status,
          diterima: t.diterima,
          auditJumlah: t.auditJumlah,
          auditKepala: t.auditKepala,
          berkasKurang: t.berkasKurang,
          via: t.via,
        }
      : null,
    fotoCount: fotos.length,
    fotoBytes: fotos.reduce((n, b) => n + b.ukuran, 0),
  };
  return view;
}

export function kirimStatus(ctx: Pick<BackendContext, 'db'>, run: RunnerView): KirimStatus {
  const p = currentPenerima(ctx.db);
  const key = ppkKeyOrNull(ctx);
  const pushes: KirimPushView[] = [];
  const waitingFor = new Map<string, string>();
  for (const row of listManifests(ctx.db)) {
    const v = pushView(ctx, row, run, waitingFor.get(row.pemilihan) ?? null);
    if (!v.receipt) waitingFor.set(row.pemilihan, `menunggu kiriman urutan ${v.urutan} diterima lebih dulu`);
    pushes.push(v);
  }
  const photos = new Map<string, number>();
  for (const row of listManifests(ctx.db)) {
    if (latestTandaTerima(ctx.db, row.sha256)?.status === 'lengkap') continue;
    for (const b of manifestOf(row).payload.berkas) if (b.jenis === 'foto') photos.set(b.sha256, b.ukuran);
  }
  const cert = p ? (JSON.parse(p.sertifikatJson) as { payload: { kabkota: { kode: string; nama: string } } }) : null;
  return {
    penerima:
      p && cert
        ? {
            kabkota: cert.payload.kabkota,
            url: p.url,
            fingerprint: groupFingerprint(p.fingerprint),
            installedAt: p.installedAt,
          }
        : null,
    ppk: key ? { fingerprint: groupFingerprint(key.keyId), publicKey: key.publicKey } : null,
    fotoSeluler: fotoSeluler(ctx.db),
    fotoTertunda: { count: photos.size, bytes: [...photos.values()].reduce((a, b) => a + b, 0) },
    pushes: pushes.reverse(),
    run: { running: run.running, nextAttemptAt: run.nextAttemptAt, online: run.online },
  };
}
