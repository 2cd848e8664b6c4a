// pleno audit — placeholder until its feature lands (replace this whole file).
import type { CliCommand } from './command';

export const command: CliCommand = async () => {
  process.stderr.write('pleno audit: belum tersedia / not available yet\n');
  return 2;
};
