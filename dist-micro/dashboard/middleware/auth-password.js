"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIN_PASSWORD_LENGTH = void 0;
exports.hashPassword = hashPassword;
exports.verifyPassword = verifyPassword;
exports.dummyPasswordHash = dummyPasswordHash;
exports.passwordProblem = passwordProblem;
const node_crypto_1 = require("node:crypto");
/**
 * Staff passwords: scrypt, a memory-hard KDF (RFC 7914), N = 2^15, r = 8, p = 1 (OWASP's
 * password-storage minimum for scrypt), 16-byte random salt per user, 32-byte key. The parameters
 * are stored with the hash, so they can be raised later without breaking existing users.
 */
const N_LOG2 = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** 128 · N · r bytes are needed (32 MiB here); Node's default maxmem is exactly that, so give room. */
const MAXMEM = 256 * 1024 * 1024;
exports.MIN_PASSWORD_LENGTH = 10;
function derive(password, salt, nLog2, r, p, keyLength) {
    const options = { N: 2 ** nLog2, r, p, maxmem: MAXMEM };
    return new Promise((resolve, reject) => (0, node_crypto_1.scrypt)(password.normalize("NFC"), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}
/** "scrypt$15$8$1$<salt b64>$<key b64>" */
async function hashPassword(password) {
    const salt = (0, node_crypto_1.randomBytes)(SALT_BYTES);
    const key = await derive(password, salt, N_LOG2, R, P, KEY_BYTES);
    return ["scrypt", N_LOG2, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}
/** Constant-time check of `password` against a stored hash; false for a malformed hash. */
async function verifyPassword(password, stored) {
    const parts = stored.split("$");
    if (parts.length !== 6 || parts[0] !== "scrypt")
        return false;
    const [nLog2, r, p] = parts.slice(1, 4).map(Number);
    if (![nLog2, r, p].every((x) => Number.isInteger(x) && x > 0) || nLog2 > 22)
        return false;
    const salt = Buffer.from(parts[4], "base64");
    const expected = Buffer.from(parts[5], "base64");
    if (salt.length === 0 || expected.length === 0)
        return false;
    const actual = await derive(password, salt, nLog2, r, p, expected.length);
    return (0, node_crypto_1.timingSafeEqual)(actual, expected);
}
/** A stored hash for nobody: unknown names are checked against it so they take as long as known ones. */
function dummyPasswordHash() {
    return hashPassword((0, node_crypto_1.randomBytes)(16).toString("hex"));
}
/** Why a new password is refused, or undefined when it will do. */
function passwordProblem(password, name) {
    if (password.length < exports.MIN_PASSWORD_LENGTH)
        return `the password must have at least ${exports.MIN_PASSWORD_LENGTH} characters`;
    if (password.toLowerCase().includes(name.toLowerCase()))
        return "the password must not contain the user name";
    if (/^(.)\1*$/.test(password))
        return "the password must not be one character repeated";
    return undefined;
}
//# sourceMappingURL=auth-password.js.map