import type { ContentError } from "../errors";

/** What check says about one valid post: what will happen to it, in words. */
export interface PostPlan {
  slug: string;
  title: string;
  /** "北京时间 12月8日 20:00 群发给全部关注者（当天的群发次数：0/1）", or why it will not go out. */
  plan: string;
}

export interface CheckResult {
  problems: ContentError[];
  /** Not blocking: a time already passed, a demo post that will really go out… */
  warnings: ContentError[];
  plans: PostPlan[];
  summary: string;
}
