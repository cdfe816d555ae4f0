import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { previewTarget } from "../staff-phone/preview-target";
import { sendPreview } from "../staff-phone/send-preview";
import { withWeChat } from "./cli-wechat";

export const PREVIEW_USAGE = `  preview <稿件> --to OPENID|me [--as 登录名]
                                把稿件发到一个关注者的手机上预览（微信的预览接口），发出前先看一眼；
                                --to me：发到自己在后台“我的手机”绑定的手机；
                                --as：几位同事都绑定了手机时，写明是哪个登录名的
`;

/**
 * `npm run cli -- preview <post> --to <openid|me>`: the post rendered exactly as it will be sent,
 * saved as a draft and pushed to one phone (staff-phone/send-preview.ts). "me" is a bound staff
 * phone (staff-phone/preview-target.ts): the editor never has to learn their openid.
 */
export async function previewCommand(deps: Deps, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: "string" }, as: { type: "string" } } });
  const slug = positionals[0]?.replace(/\.md$/, "").replace(/^.*\//, "");
  if (!slug || !values.to) {
    out(`用法：\n${PREVIEW_USAGE}`);
    return 1;
  }
  try {
    const target = values.to === "me" ? previewTarget(deps.stores.staffPhones, deps.account.id, { name: values.as }) : { openId: values.to, staffName: undefined };
    const sent = await withWeChat(deps, (wechat) => sendPreview(deps, wechat, slug, target.openId), { out });
    const to = target.staffName ? `${target.staffName} 的手机` : target.openId;
    out(`预览已发送到 ${to}：${slug}\n  标题：${sent.title}\n  草稿：${sent.mediaId}（预览用的副本；到发布时间会另建草稿）\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.expose) {
      out(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
