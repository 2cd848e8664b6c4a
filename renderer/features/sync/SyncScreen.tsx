// Kirim: sending to the central server is not built yet (docs/design.md §4 will get its own issue). Say so plainly.
import { Card } from '../../ui/Card';
import { StatusPill } from '../../ui/StatusPill';

export default function SyncScreen() {
  return (
    <div className="stack" style={{ maxWidth: 820 }}>
      <h1>Kirim ke server pusat</h1>
      <Card title="Belum tersedia di versi ini" aside={<StatusPill tone="neutral">Versi berikutnya</StatusPill>}>
        <p>
          Pengiriman hasil rekapitulasi ke server pusat KPU belum tersedia di versi Pleno ini. Tidak ada data yang
          dikirim ke luar laptop ini; semua hasil, keputusan, dan dokumen tetap tersimpan di basis data kecamatan.
        </p>
        <p>Pada versi berikutnya, layar ini akan:</p>
        <ul>
          <li>
            mengirim D.Hasil dan berita acara yang sudah ditetapkan begitu ada sinyal, dengan tanda terima bertanda
            tangan dari server;
          </li>
          <li>mencoba ulang secara otomatis bila koneksi putus, tanpa mengirim dokumen yang sama dua kali;</li>
          <li>
            membuat berkas unggahan (<code>.pleno-upload</code>) ke flashdisk bila kecamatan tidak ada sinyal.
          </li>
        </ul>
        <p className="muted">Sampai saat itu, gunakan dokumen cetak dan berkas PDF dari menu Dokumen.</p>
      </Card>
    </div>
  );
}
