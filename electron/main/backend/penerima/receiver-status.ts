// Where the §4 receiver of this process listens, or why it does not (docs/receiver-plenary.md, "The receiver's
// address"): set by autostart.ts when `pleno serve` or the desktop backend host starts it for a receiver database,
// read by the receiver dashboard (penerima.alamat) so the KPU operator can tell each kecamatan where to push — the
// LAN address(es) and port — and compare the key fingerprint, or read in words why nothing can arrive.
import type { PenerimaAlamat } from '../../../../shared/contracts/penerima.contract';
import { formatFingerprint } from '../../../../shared/formats/envelope';
import { parseJson } from '../../../../shared/formats/json';
import type { BackendContext } from '../context';
import { lanAddresses } from '../lan/addresses';
import { getPenerima, latestSertifikat } from '../repositories/penerima.repo';

export type ReceiverStatus =
  | { state: 'listening'; port: number; host: string }
  | { state: 'failed'; port: number; code: string | null; english: string };

const statuses = new WeakMap<object, ReceiverStatus>();

export function setReceiverStatus(ctx: Pick<BackendContext, 'db'>, status: ReceiverStatus): void {
  statuses.set(ctx.db, status);
}

/** Push URLs: each IPv4 address of this laptop's network interfaces (LAN first), then loopback. */
const pushUrls = (host: string, port: number): string[] => lanAddresses(host).map((h) => `http://${h}:${port}`);

/** Why the receiver is not running, for the operator (Bahasa Indonesia). */
function whyNot(s: ReceiverStatus | undefined): string {
  if (!s)
    return (
      'Penerima kiriman tidak dijalankan oleh proses ini, jadi kiriman kecamatan lewat jaringan tidak dapat masuk. ' +
      'Buka basis data ini dengan aplikasi Pleno atau "pleno serve"; kiriman lewat flashdisk tetap dapat diimpor.'
    );
  if (s.state === 'listening') return '';
  if (s.code === 'EADDRINUSE')
    return (
      `Port ${s.port} sudah dipakai program lain (mungkin Pleno lain masih terbuka), jadi kiriman kecamatan lewat ` +
      'jaringan tidak dapat masuk. Tutup program itu lalu buka ulang Pleno, atau jalankan Pleno dengan port lain ' +
      '(PLENO_PENERIMA_PORT, atau --penerima-port pada "pleno serve").'
    );
  if (s.code === 'EACCES')
    return `Port ${s.port} tidak boleh dipakai oleh pengguna ini. Jalankan Pleno dengan port di atas 1024.`;
  return 'Penerima kiriman tidak dapat dimulai; kiriman kecamatan lewat jaringan tidak dapat masuk. Lihat log Pleno.';
}

/** The certificate installed here: the URL the kecamatan were given. */
function sertifikatUrl(ctx: Pick<BackendContext, 'db'>): string | null {
  const cert = latestSertifikat(ctx.db);
  if (!cert) return null;
  const env = parseJson(new TextEncoder().encode(cert.envelopeJson));
  const url = env.ok ? (env.value as { payload?: { url?: unknown } }).payload?.url : undefined;
  return typeof url === 'string' ? url : cert.url;
}

/** What the dashboard shows about the receiver (null for a kecamatan database). */
export function receiverAddress(ctx: Pick<BackendContext, 'db'>): PenerimaAlamat | null {
  const me = getPenerima(ctx.db);
  if (!me) return null;
  const s = statuses.get(ctx.db);
  const url = sertifikatUrl(ctx);
  const base = { sidikJari: formatFingerprint(me.keyId), sertifikatUrl: url };
  if (s?.state !== 'listening')
    return { ...base, berjalan: false, port: s?.port ?? null, alamat: [], alasan: whyNot(s) };
  let portSertifikat: number | null = null;
  try {
    if (url) portSertifikat = Number(new URL(url).port || (url.startsWith('https:') ? 443 : 80));
  } catch {
    portSertifikat = null;
  }
  return {
    ...base,
    berjalan: true,
    port: s.port,
    alamat: pushUrls(s.host, s.port),
    alasan: null,
    ...(portSertifikat !== null && portSertifikat !== s.port
      ? {
          peringatan:
            `Sertifikat yang dipasang menyebut ${url}, tetapi penerima mendengarkan di port ${s.port}: kecamatan ` +
            'yang memakai sertifikat itu mengirim ke port yang salah. Jalankan penerima di port sertifikat, atau buat ' +
            'dan bagikan sertifikat baru.',
        }
      : {}),
  };
}
