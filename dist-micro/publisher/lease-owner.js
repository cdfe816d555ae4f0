"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newLeaseOwner = newLeaseOwner;
exports.isDeadLocalOwner = isDeadLocalOwner;
const node_crypto_1 = require("node:crypto");
const node_os_1 = require("node:os");
/** Identifies this process as the holder of a publication's lease: host:pid:nonce. */
function newLeaseOwner() {
    return `${(0, node_os_1.hostname)()}:${process.pid}:${(0, node_crypto_1.randomBytes)(4).toString("hex")}`;
}
/**
 * Whether `owner` was a process on this machine that no longer runs (killed, crashed): its lease
 * can be taken over at once instead of waiting for it to expire. Another host, or a pid that still
 * answers, is presumed alive.
 */
function isDeadLocalOwner(owner) {
    if (owner === null)
        return false;
    const [host, pidText] = owner.split(":");
    const pid = Number(pidText);
    if (host !== (0, node_os_1.hostname)() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid)
        return false;
    try {
        process.kill(pid, 0);
        return false;
    }
    catch (err) {
        return err.code === "ESRCH";
    }
}
//# sourceMappingURL=lease-owner.js.map