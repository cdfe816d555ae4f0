import type { StaffPhoneStore } from "../db/stores/staff-phone-store";
import { AppError } from "../errors";

const refuse = (message: string) => new AppError("preview_no_phone", message, { expose: true, status: 422 });

/**
 * Whose phone "me" is: the named staff login (`--as NAME`, or the signed-in staff member), else
 * the only staff member with a bound phone. Refuses in Chinese, saying how to bind or whom to name.
 */
export function previewTarget(store: StaffPhoneStore, accountId: string, who: { name?: string | undefined; userId?: number | undefined }): { openId: string; staffName: string } {
  const phones = store.list(accountId);
  const named = who.userId !== undefined ? phones.find((p) => p.staffUserId === who.userId) : who.name !== undefined ? phones.find((p) => p.staffName.toLowerCase() === who.name!.toLowerCase()) : undefined;
  if (named) return { openId: named.openId, staffName: named.staffName };
  const howToBind = "绑定方法：登录后台，打开“我的手机”页面获取绑定码，用手机微信给公众号发送“绑定 123456”。";
  if (who.userId !== undefined || who.name !== undefined) {
    throw refuse(`后台账号 ${who.name ?? "（当前登录）"} 还没有绑定手机。${howToBind}`);
  }
  if (phones.length === 1) return { openId: phones[0]!.openId, staffName: phones[0]!.staffName };
  if (phones.length === 0) throw refuse(`还没有人绑定手机，无法发送预览。${howToBind}`);
  throw refuse(`有 ${phones.length} 位工作人员绑定了手机（${phones.map((p) => p.staffName).join("、")}）：请用 --as 账号名 指定发给谁，例如 --as ${phones[0]!.staffName}`);
}
