// The outbox: each push with its state in words, its progress while sending (x of y MB, ETA), the receipt's time and
// the audit head the receiver witnessed, and "Kirim ulang sekarang".
import type { KirimPushView, KirimStatus } from '../../../shared/contracts/kirim.contract';
import { useApiCommand } from '../../api/hooks';
import { Button, Card, EmptyState, ProgressBar, StatusPill } from '../../ui';
import { duration, mb, PEMILIHAN, STATE_LABEL, STATE_TONE, when } from './format';

function detail(p: KirimPushView): string {
  switch (p.state) {
    case 'mengirim':
      return p.totalBytes > 0
        ? `Mengirim ${mb(p.sentBytes)} dari ${mb(p.totalBytes)}` +
            (p.etaSeconds !== null ? `, sekitar ${duration(p.etaSeconds)} lagi` : '')
        : 'Menghubungi penerima…';
    case 'menunggu-berkas':
      return `Angka sudah diterima KPU; ${p.receipt?.berkasKurang ?? 0} berkas (PDF/foto) belum lengkap.`;
    case 'lengkap':
      return 'Semua angka, PDF dan foto diterima KPU.';
    case 'ditolak':
      return p.reason ?? 'Penerima menolak isi kiriman.';
    default:
      return p.reason ?? 'Belum terkirim; dikirim otomatis begitu penerima dapat dihubungi.';
  }
}

function PushRow({ p }: { p: KirimPushView }) {
  const title = `${PEMILIHAN[p.pemilihan] ?? p.pemilihan} · kiriman urutan ${p.urutan}`;
  return (
    <li className="kirim-push" aria-label={title}>
      <div className="kirim-push-head">
        <strong>{title}</strong>
        <StatusPill tone={STATE_TONE[p.state]}>{STATE_LABEL[p.state]}</StatusPill>
      </div>
      <p className="muted">
        {p.isi} · dibuat {when(p.dibuat)}
      </p>
      <p>{detail(p)}</p>
      {p.state === 'mengirim' && p.totalBytes > 0 && (
        <ProgressBar value={p.sentBytes} max={p.totalBytes} label={`Kemajuan ${title}`} />
      )}
      {p.receipt && (
        <p className="muted">
          Tanda terima {p.receipt.via === 'berkas' ? '(dibawa dengan flashdisk) ' : ''}ditandatangani penerima{' '}
          {when(p.receipt.diterima)}; log audit yang disaksikan: entri ke-{p.receipt.auditJumlah}, kepala{' '}
          <code title={p.receipt.auditKepala}>{p.receipt.auditKepala.slice(0, 16)}…</code>
        </p>
      )}
    </li>
  );
}

function runLine(s: KirimStatus): string {
  if (!s.penerima) return 'Pasang penerima dulu.';
  if (s.run.running) return 'Sedang mengirim.';
  if (s.run.nextAttemptAt)
    return `${s.run.online === false ? 'Sambungan ke penerima terputus atau belum ada. ' : ''}Dicoba lagi otomatis ${when(s.run.nextAttemptAt)}, atau lebih cepat bila jaringan tersambung.`;
  if (s.pushes.length > 0 && s.pushes.every((p) => p.state === 'lengkap')) return 'Semua kiriman lengkap.';
  return 'Tidak ada pengiriman yang sedang berjalan.';
}

export function PushList({ status }: { status: KirimStatus }) {
  const send = useApiCommand('kirim.sendNow');
  const open = status.pushes.some((p) => p.state !== 'lengkap');
  return (
    <Card
      title="Kiriman"
      aside={
        <Button
          variant="primary"
          busy={send.pending}
          disabled={!status.penerima || !open}
          onClick={() => void send.run({})}
        >
          Kirim ulang sekarang
        </Button>
      }
    >
      <p role="status" aria-live="polite">
        {runLine(status)}
      </p>
      {status.pushes.length === 0 ? (
        <EmptyState title="Belum ada kiriman">
          Setiap D.Hasil atau D.Kejadian Khusus yang diterbitkan (draf atau final) menjadi satu kiriman di sini.
        </EmptyState>
      ) : (
        <ul className="kirim-pushes">
          {status.pushes.map((p) => (
            <PushRow key={p.manifest} p={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}
