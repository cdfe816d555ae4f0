import { randomBytes } from "node:crypto";
import type { Deps } from "../deps";
import { createStaffUserStore } from "../db/stores/staff-user-store";
import { hashPassword } from "../dashboard/middleware/auth-password";
import { bannerLine } from "./banner-line";

export const DEMO_USER = "demo";

/**
 * What `npm start` prints about dashboard logins. With no staff user yet: in sandbox mode a
 * `demo` user is created with a random password, printed once (a sandbox holds no real data); in
 * production nothing is created and the command to create the first user is printed.
 */
export async function describeStaffLogin(deps: Pick<Deps, "db" | "clock" | "config">, url: string): Promise<string[]> {
  const users = createStaffUserStore(deps.db);
  const lines = [bannerLine("后台", `${url}/dashboard`)];
  if (users.count() > 0) return lines;
  if (!deps.config.sandbox) {
    return [...lines, bannerLine("", "还没有后台登录账号：运行 npm run cli -- user add 登录名 新建一个")];
  }
  const password = randomBytes(12).toString("base64url");
  const hash = await hashPassword(password);
  // Another process (a second `npm start` on the same database) may have created it meanwhile.
  if (users.count() > 0) return lines;
  users.add(DEMO_USER, hash, deps.clock.now().getTime());
  return [
    ...lines,
    bannerLine("", `已建好沙箱登录账号：${DEMO_USER} / ${password}（只显示这一次；改密码：npm run cli -- user passwd ${DEMO_USER}）`),
  ];
}
