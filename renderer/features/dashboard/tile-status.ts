// How each TPS tile status looks: label (from the domain's STATUS_LABELS), a one-line description, a tone for pills,
// and the legend order. Shared by the dashboard, the review screen and the projector.
import { TILE_STATUSES, type TileStatus } from '../../../shared/contracts/plenary.contract';
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from '../../../shared/domain/labels';
import type { Tone } from '../../ui/StatusPill';

/** The legend order: the domain's order of statuses. */
export const TILE_ORDER: readonly TileStatus[] = TILE_STATUSES;

export const tileLabel = (s: TileStatus): string => STATUS_LABELS[s];
export const tileDescription = (s: TileStatus): string => STATUS_DESCRIPTIONS[s];

export const TILE_TONE: Record<TileStatus, Tone> = {
  'belum-masuk': 'neutral',
  masuk: 'info',
  bermasalah: 'danger',
  konflik: 'danger',
  sengketa: 'warn',
  sesuai: 'ok',
  dikoreksi: 'ok',
  ditunda: 'warn',
};

export const nomorTps = (n: number): string => String(n).padStart(3, '0');

const fmt = new Intl.NumberFormat('id-ID');
export const formatNumber = (n: number): string => fmt.format(n);
