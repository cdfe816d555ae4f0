import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from "node:crypto";

/**
 * One long-lived AES-256-CBC context per key and direction. WeChat uses the same key and IV for
 * every message, and setting up a cipher (key schedule, EVP context) cost more than encrypting
 * a reply. A context kept open continues the CBC chain from the previous message's last
 * ciphertext block (`chain`) instead of the IV; CBC's first block is E(P1 ⊕ IV), so XOR-ing P1
 * (encrypt) or D(C1) (decrypt) with chain ⊕ IV gives exactly the output of a fresh context.
 * Inputs are whole blocks and padding is off, so update() returns every block at once and the
 * context never buffers. On any error the context is dropped and the next call builds a new one.
 */
interface CbcStream<T extends Cipher | Decipher> {
  context: T;
  chain: Buffer;
}
const encryptors = new WeakMap<Buffer, CbcStream<Cipher>>();
const decryptors = new WeakMap<Buffer, CbcStream<Decipher>>();

/** Runs `step` on the key's open context, opening one first; drops the context if `step` throws. */
function withStream<T extends Cipher | Decipher>(
  streams: WeakMap<Buffer, CbcStream<T>>,
  key: Buffer,
  open: (key: Buffer, iv: Buffer) => T,
  step: (stream: CbcStream<T>, iv: Buffer) => Buffer,
): Buffer {
  const iv = key.subarray(0, 16);
  let stream = streams.get(key);
  if (!stream) {
    const context = open(key, iv);
    context.setAutoPadding(false);
    stream = { context, chain: iv };
    streams.set(key, stream);
  }
  try {
    return step(stream, iv);
  } catch (err) {
    streams.delete(key);
    throw err;
  }
}

function xorFirstBlock(target: Buffer, chain: Buffer, iv: Buffer): void {
  for (let i = 0; i < 16; i++) target[i] = target[i]! ^ chain[i]! ^ iv[i]!;
}

function wholeBlocks(out: Buffer, input: Buffer): Buffer {
  if (out.length !== input.length) throw new Error(`AES-CBC returned ${out.length} of ${input.length} bytes`);
  return out;
}

const openCipher = (key: Buffer, iv: Buffer) => createCipheriv("aes-256-cbc", key, iv);
const openDecipher = (key: Buffer, iv: Buffer) => createDecipheriv("aes-256-cbc", key, iv);

/** AES-256-CBC with WeChat's IV (key[0..16]) over whole blocks, no padding; `plain` is used as scratch. */
export function cbcEncrypt(key: Buffer, plain: Buffer): Buffer {
  return withStream(encryptors, key, openCipher, (stream, iv) => {
    xorFirstBlock(plain, stream.chain, iv);
    const out = wholeBlocks(stream.context.update(plain), plain);
    stream.chain = out.subarray(out.length - 16);
    return out;
  });
}

/** The inverse of cbcEncrypt: whole blocks in, whole blocks out, padding left to the caller. */
export function cbcDecrypt(key: Buffer, data: Buffer): Buffer {
  return withStream(decryptors, key, openDecipher, (stream, iv) => {
    const out = wholeBlocks(stream.context.update(data), data);
    xorFirstBlock(out, stream.chain, iv);
    stream.chain = data.subarray(data.length - 16);
    return out;
  });
}
