// Helpers shared by the plenary specs: contract calls that throw on refusal, the PPK members of the demo, choosing
// the operator in the review toolbar (setting the decider's PIN when asked), and the PIN these flows use.
import type { Page } from '@playwright/test';
import { callApi, expect, type PlenoApp } from './fixtures';
import type { MembersView } from '../shared/contracts/plenary.contract';
import type { RecapJson } from '../shared/domain/recap';
import type { PemilihanId } from '../shared/domain/model';

/** The deciders' PIN in these flows (docs/plenary-decisions.md). */
export const PIN = '2580';

export async function api<T>(app: Pick<PlenoApp, 'origin' | 'token'>, method: string, input: unknown = {}): Promise<T> {
  const r = await callApi<T>(app, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export const recapOf = async (app: PlenoApp, pemilihan: PemilihanId) =>
  (await api<RecapJson>(app, 'plenary.recap', { pemilihan })).pemilihan[0]!;

export interface DemoMembers {
  ketua: number;
  anggota: number;
  ketuaNama: string;
  anggotaNama: string;
  all: MembersView['members'];
}

export async function members(app: PlenoApp): Promise<DemoMembers> {
  const m = await api<MembersView>(app, 'plenary.members');
  const ketua = m.members.find((x) => x.ketua)!;
  const anggota = m.members.find((x) => !x.ketua)!;
  return { ketua: ketua.id, anggota: anggota.id, ketuaNama: ketua.nama, anggotaNama: anggota.nama, all: m.members };
}

/** Chooses the operator; a ketua or delegate without a PIN is asked to set one, and sets `pin`. */
export async function chooseOperator(page: Page, id: number, nama: string, pin = PIN): Promise<void> {
  await page.locator('#operator-select').selectOption(String(id));
  await expect(page.locator('#operator-select')).toHaveValue(String(id));
  await expect(page.getByText(`Operator: ${nama}`)).toBeVisible();
  const setPin = page.getByRole('dialog', { name: `Atur PIN ${nama}` });
  const asked = await setPin
    .waitFor({ timeout: 2000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await setPin.getByLabel('PIN baru', { exact: true }).fill(pin);
    await setPin.getByLabel('Ulangi PIN baru').fill(pin);
    await setPin.getByRole('button', { name: 'Simpan PIN' }).click();
    await expect(setPin).toHaveCount(0);
  }
}

export const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);
