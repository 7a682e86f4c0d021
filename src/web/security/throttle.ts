/**
 * Sign-in throttling by client address, on top of the records store's per-account lockout:
 * at most `limit` attempts per address in `windowMs`, then 429 until the window moves on. Kept
 * in memory (each process throttles its own clients; the lockout is shared through the store).
 */
export interface Throttle {
  /** Records an attempt; false when this address has used up its attempts. */
  attempt(key: string): boolean;
}

export function slidingThrottle(opts: {
  limit: number;
  windowMs: number;
  now: () => Date;
  maxKeys?: number;
}): Throttle {
  const seen = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    attempt(key) {
      const t = opts.now().getTime();
      const recent = (seen.get(key) ?? []).filter((s) => t - s < opts.windowMs);
      if (recent.length >= opts.limit) {
        seen.set(key, recent);
        return false;
      }
      recent.push(t);
      seen.delete(key);
      seen.set(key, recent);
      while (seen.size > maxKeys) seen.delete(seen.keys().next().value as string);
      return true;
    },
  };
}
