// The state of the "Daftarkan perangkat KPPS" dialog: the fields (started from what the device told the receiver),
// the key read from a QR picture of the phone's screen, the decider's PIN, and the decision sent to the backend.
import { useState } from 'react';
import type { DevicesView } from '../../../shared/contracts/import.contract';
import { useApiCommand } from '../../api/hooks';
import { useToast } from '../../ui';
import { pinReady } from '../plenary/decider';
import { DEVICE_QR_PREFIX, parseDeviceQr } from './device-qr';
import { decodeImageFile } from './qr-browser';

export interface RegisterTarget {
  id: string;
  tps: string;
}

export interface QrNote {
  ok: boolean;
  text: string;
}

/** What a picture of the phone's screen gave: the device, or why not, in words. */
async function readDeviceQr(file: File) {
  try {
    const texts = await decodeImageFile(file);
    const found = texts.map(parseDeviceQr).find((d) => d !== null) ?? null;
    if (found) return { found, note: null };
    const text =
      texts.length === 0
        ? `Tidak ada kode QR yang terbaca pada ${file.name}. Foto ulang layar HP lebih dekat dan tegak.`
        : `Kode QR pada ${file.name} bukan kode pendaftaran perangkat (${DEVICE_QR_PREFIX}…).`;
    return { found: null, note: { ok: false, text } };
  } catch (err) {
    return { found: null, note: { ok: false, text: `Gambar tidak dapat dibaca: ${(err as Error).message}` } };
  }
}

export function useRegisterDevice(target: RegisterTarget | null, view: DevicesView, onClose: () => void) {
  const register = useApiCommand('import.registerDevice');
  const toast = useToast();
  const [id, setId] = useState('');
  const [tps, setTps] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [qrNote, setQrNote] = useState<QrNote | null>(null);
  const [opened, setOpened] = useState<RegisterTarget | null>(null);
  if (target !== opened) {
    // A new target: start from what the device told the receiver.
    setOpened(target);
    setId(target?.id ?? '');
    setTps(target?.tps ?? '');
    setPublicKey('');
    setReason('');
    setPin('');
    setQrNote(null);
    register.reset();
  }

  async function scan(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setQrNote(null);
    const { found, note } = await readDeviceQr(file);
    if (!found) return setQrNote(note);
    const changed = id.trim() !== '' && id.trim() !== found.id;
    setPublicKey(found.publicKey);
    setTps(found.tps);
    setId(found.id);
    setQrNote({
      ok: true,
      text: `Terbaca dari QR: perangkat ${found.id}, ${view.tps.find((t) => t.kode === found.tps)?.label ?? `TPS ${found.tps}`}.${changed ? ' Id perangkat diganti sesuai QR.' : ''}`,
    });
  }

  const filled = [id, tps, publicKey, reason].every((v) => v.trim() !== '') && pinReady(pin);

  async function submit() {
    const r = await register.run({ id: id.trim(), tps, publicKey: publicKey.trim(), reason: reason.trim(), pin });
    if (!r.ok) return;
    const d = r.value.device;
    toast({
      kind: 'ok',
      title: r.value.created ? `Perangkat ${d.id} didaftarkan` : `Perangkat ${d.id} sudah terdaftar`,
      body: `${d.tpsLabel} · sidik jari ${d.fingerprint}`,
    });
    onClose();
  }

  return {
    fields: { id, setId, tps, setTps, publicKey, setPublicKey, reason, setReason, pin, setPin },
    qrNote,
    scan,
    filled,
    submit,
    pending: register.pending,
    error: register.error?.message ?? null,
  };
}

export type RegisterDeviceState = ReturnType<typeof useRegisterDevice>;
