// StatusPill (a badge): a short label with a tone. Feature code maps domain statuses to tones.
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral' | 'sim';

/** Each tone's text and fill from the palette in theme.css (:root), and its border, one tone a row. */
const TONES: Record<Tone, readonly [text: string, fill: string, border: string]> = {
  ok: ['var(--ok)', 'var(--ok-bg)', '#9fd3b2'],
  warn: ['var(--warn)', 'var(--warn-bg)', '#e8c46a'],
  danger: ['var(--danger)', 'var(--danger-bg)', '#ef9a9a'],
  info: ['var(--info)', 'var(--info-bg)', '#9cb9e0'],
  neutral: ['var(--neutral)', 'var(--neutral-bg)', '#c3c9d2'],
  sim: ['var(--sim)', 'var(--sim-bg)', '#d3a6e6'],
};

function toneStyle(tone: Tone): CSSProperties {
  const [color, background, borderColor] = TONES[tone];
  return { color, background, borderColor };
}

export function StatusPill({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className="pill" data-tone={tone} style={toneStyle(tone)} title={title}>
      {children}
    </span>
  );
}

export const Badge = StatusPill;
