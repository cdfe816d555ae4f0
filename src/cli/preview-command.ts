import { parseArgs } from "node:util";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { previewTarget } from "../staff-phone/preview-target";
import { sendPreview } from "../staff-phone/send-preview";
import { withWeChat } from "./cli-wechat";

export const PREVIEW_USAGE = `  preview <post> --to OPENID|me [--as NAME]
                                send the post to one follower's phone (message/mass/preview) to check it;
                                --to me: the phone a staff member bound on the dashboard (我的手机),
                                --as NAME names the staff login when several have bound a phone
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
    out(`用法 (usage):\n${PREVIEW_USAGE}`);
    return 1;
  }
  try {
    const target = values.to === "me" ? previewTarget(deps.stores.staffPhones, "default", { name: values.as }) : { openId: values.to, staffName: undefined };
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
