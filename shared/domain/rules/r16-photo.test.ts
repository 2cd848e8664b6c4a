import { describe, expect, it } from 'vitest';
import { checkR16, type PhotoRecord } from './r16-photo';

const h = (n: number) => n.toString(16).padStart(64, '0');
const rec = (tps: string, pemilihan: 'gubernur' | 'bupati', hashes: number[]): PhotoRecord => ({
  tps,
  pemilihan,
  foto: hashes.map((x, i) => ({ lembar: i + 1, sha256: h(x) })),
});
const A = '6302142001001';
const B = '6302142007002';

describe('R16 a photo counted for two TPS, or a sheet printed for another TPS (warning)', () => {
  it('passes distinct photos, a photo shared by two pemilihan of one TPS, and records without photos', () => {
    expect(checkR16([rec(A, 'bupati', [1, 2, 3]), rec(B, 'bupati', [4, 5, 6])])).toEqual([]);
    expect(checkR16([rec(A, 'bupati', [1]), rec(A, 'gubernur', [1])])).toEqual([]);
    expect(checkR16([rec(A, 'bupati', []), rec(B, 'bupati', [])])).toEqual([]);
  });

  it('flags both TPS when one sheet photo is referenced by records of two TPS (the reused photo)', () => {
    const v = checkR16([rec(A, 'bupati', [1, 2, 3]), rec(B, 'bupati', [7, 8, 3])]);
    expect(v.map((x) => [x.tps, x.otherTps, x.code, x.severity])).toEqual([
      [A, B, 'R16', 'warning'],
      [B, A, 'R16', 'warning'],
    ]);
    expect(v[1]!.message).toBe(
      'Foto lembar 3 sama persis dengan foto TPS 001 (6302142001): satu foto dipakai untuk dua TPS',
    );
  });

  it('flags a sheet whose printed TPS is known and differs, not one that matches', () => {
    const printed = new Map([
      [h(1), A],
      [h(4), A],
    ]);
    const v = checkR16([rec(A, 'bupati', [1]), rec(B, 'gubernur', [4])], printed);
    expect(v).toEqual([expect.objectContaining({ tps: B, otherTps: null, pemilihan: 'gubernur' })]);
    expect(v[0]!.message).toContain('bertuliskan TPS 001');
  });
});
