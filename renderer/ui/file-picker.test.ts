// The file picker's state line in words (renderer/ui/FilePicker.tsx): nothing chosen, one name, or a count.
import { describe, expect, it } from 'vitest';
import { chosenText } from './FilePicker';

describe('chosenText', () => {
  it('says nothing is chosen, the one name, or how many with the first two names', () => {
    expect(chosenText(null)).toBe('Belum ada berkas dipilih');
    expect(chosenText([])).toBe('Belum ada berkas dipilih');
    expect(chosenText(['bukti.png'])).toBe('Dipilih: bukti.png');
    expect(chosenText(['a.pleno', 'b.pleno'])).toBe('2 berkas dipilih: a.pleno, b.pleno');
    expect(chosenText(['a.pleno', 'b.pleno', 'c.pleno'])).toBe('3 berkas dipilih: a.pleno, b.pleno, …');
  });
});
