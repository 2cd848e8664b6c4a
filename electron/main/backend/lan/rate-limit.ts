// Per-device token buckets for the LAN receiver (docs/design.md §3.5: requests are rate-limited per device).
// A phone sends a handful of records and retries; a runaway or hostile sender is slowed down, not the others.
//
//   createRateLimiter({ capacity, refillPerSecond, maxKeys? }, now?) → { take(key): { ok: true } | { ok: false, retryAfterSeconds } }

export interface RateLimitOptions {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Sustained rate. */
  refillPerSecond: number;
  /** Buckets kept (oldest dropped first), so spoofed keys cannot exhaust memory. */
  maxKeys?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

export function createRateLimiter(opts: RateLimitOptions, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = opts.maxKeys ?? 20_000;
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (b) {
        b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.refillPerSecond);
        b.at = t;
        // Map order = insertion order: re-insert to keep recently used keys last.
        buckets.delete(key);
      } else {
        b = { tokens: opts.capacity, at: t };
        if (buckets.size >= maxKeys) {
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
      }
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / opts.refillPerSecond)) };
    },
  };
}
