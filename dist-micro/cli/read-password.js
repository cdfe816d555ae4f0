"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.promptHidden = promptHidden;
exports.readStdinLine = readStdinLine;
/**
 * Reads a password without echoing it (raw mode on a terminal). Ctrl-C aborts; backspace works.
 * Only for TTYs: scripts use --password-stdin or DASHBOARD_PASSWORD.
 */
function promptHidden(question, input = process.stdin, output = process.stdout) {
    if (!input.isTTY)
        return Promise.reject(new Error("no terminal to prompt on: pipe the password with --password-stdin or set DASHBOARD_PASSWORD"));
    output.write(question);
    return new Promise((resolve, reject) => {
        let value = "";
        input.setRawMode(true);
        input.resume();
        input.setEncoding("utf8");
        const done = (err) => {
            input.off("data", onData);
            input.setRawMode(false);
            input.pause();
            output.write("\n");
            if (err)
                reject(err);
            else
                resolve(value);
        };
        const onData = (chunk) => {
            for (const ch of chunk) {
                if (ch === "\r" || ch === "\n")
                    return done();
                if (ch === "\u0003")
                    return done(new Error("cancelled"));
                if (ch === "\u007f" || ch === "\b")
                    value = [...value].slice(0, -1).join("");
                else if (ch >= " ")
                    value += ch;
            }
        };
        input.on("data", onData);
    });
}
/** The first line of stdin (for --password-stdin). */
async function readStdinLine(input = process.stdin) {
    const chunks = [];
    for await (const chunk of input)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "");
}
//# sourceMappingURL=read-password.js.map