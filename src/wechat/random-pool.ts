import { randomFillSync } from "node:crypto";

/** The 16 random bytes that start every encrypted reply (消息加解密: random(16) ‖ length ‖ msg ‖ appid). */
export interface RandomPool {
  /** 16 fresh bytes, valid until the next call (encryptMessage copies them at once). */
  next16(): Buffer;
}

/**
 * Random bytes drawn from the CSPRNG `size` at a time. Each randomBytes(16) call cost OpenSSL's
 * per-call overhead, a fifth of an encrypted push's CPU (README, Benchmarks); one call per 256
 * replies does not. Owned by the push handler (webhook/handle-push.ts), not by a module.
 */
export function createRandomPool(size = 4096): RandomPool {
  const pool = Buffer.alloc(size);
  let offset = size;
  return {
    next16() {
      if (offset + 16 > size) {
        randomFillSync(pool);
        offset = 0;
      }
      offset += 16;
      return pool.subarray(offset - 16, offset);
    },
  };
}
