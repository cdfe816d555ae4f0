export interface SeenKeysOptions {
  /** Each key is remembered for at least this long (and at most twice as long). */
  rememberMs: number;
  /**
   * Bits per generation, a power of two. Default 2^21 (256 KiB): under 1% false positives up to
   * ~200,000 pushes per generation (a sustained 1,600 a second); a county account sees a few a
   * second. Beyond that the filter only says "maybe" more often, and each maybe costs a lookup.
   */
  bits?: number;
}

/** Which pushes this process has seen lately: no false negatives within the window. */
export interface SeenKeys {
  add(scope: string, key: string, atMs: number): void;
  /**
   * False: certainly not added within the last `rememberMs` (of the times given to add). True:
   * added, or (rarely) a false positive. Callers treat true as "ask the database", so neither a
   * false positive nor an old key ever changes an answer.
   */
  mayHave(scope: string, key: string): boolean;
}

const HASHES = 7;

/**
 * Two rotating Bloom filters ("generations", each `rememberMs` long): a key is looked for in the
 * current and the previous one, so it is found for at least `rememberMs` after it was added, then
 * forgotten wholesale when its generation is dropped.
 *
 * Why not a Map of keys with their times: at webhook rates that Map held ~150 bytes per push for
 * two minutes (a million pushes at full speed) and was most of the service's heap under load.
 * These two filters are 512 KiB, fixed, and allocate nothing per push. A false positive only costs
 * the database lookup that the filter exists to skip (message-log.ts), never a wrong answer.
 */
export function createSeenKeys(options: SeenKeysOptions): SeenKeys {
  const bits = options.bits ?? 2 ** 21;
  if (!Number.isInteger(Math.log2(bits)) || bits < 32) throw new Error(`seen-keys: bits must be a power of two ≥ 32, got ${bits}`);
  const mask = bits - 1;
  let current = new Uint32Array(bits / 32);
  let previous = new Uint32Array(bits / 32);
  let generationStart: number | undefined;

  /** Moves to the generation of `atMs`, dropping the one that ended more than `rememberMs` ago. */
  const advance = (atMs: number) => {
    if (generationStart === undefined) {
      generationStart = atMs;
      return;
    }
    const elapsed = atMs - generationStart;
    if (elapsed < options.rememberMs) return;
    if (elapsed < 2 * options.rememberMs) {
      [previous, current] = [current, previous];
      current.fill(0);
      generationStart += options.rememberMs;
    } else {
      current.fill(0);
      previous.fill(0);
      generationStart = atMs;
    }
  };

  // Two 32-bit hashes of scope + "\0" + key (FNV-1a and a multiply-xorshift variant), combined
  // by double hashing (Kirsch & Mitzenmacher) into HASHES bit positions.
  let h1 = 0;
  let h2 = 0;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  };
  const hash = (scope: string, key: string) => {
    h1 = 0x811c9dc5;
    h2 = 0x9747b28c;
    feed(scope);
    feed("\0");
    feed(key);
    h2 |= 1;
  };
  const has = (filter: Uint32Array) => {
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & mask;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  };

  return {
    add(scope, key, atMs) {
      advance(atMs);
      hash(scope, key);
      for (let i = 0; i < HASHES; i++) {
        const bit = (h1 + Math.imul(i, h2)) & mask;
        const word = bit >>> 5;
        current[word] = current[word]! | (1 << (bit & 31));
      }
    },
    mayHave(scope, key) {
      hash(scope, key);
      return has(current) || has(previous);
    },
  };
}
