import { createPublicationStore, type Publication, type PublicationStore } from "../../src/db/stores/publication-store";
import { createUploadedImageStore } from "../../src/db/stores/uploaded-image-store";
import type { Db } from "../../src/db/open-database";
import type { Post } from "../../src/posts/post";
import { advancePublication } from "../../src/publisher/publish-post";
import type { Publisher, PublisherHooks } from "../../src/publisher/publisher";
import { runPublisher } from "../../src/publisher/run-publisher";
import { createImageUploader } from "../../src/publisher/upload-images";
import type { SandboxDeps } from "../../src/sandbox/sandbox-context";
import { startHarness, type Harness } from "../sandbox/harness";
import { makeContentDir, type ContentDir } from "../posts/content-dir";

export { jobFair, postText } from "../posts/content-dir";

/** The sandbox harness (its clock starts 2026-12-01 10:00 Beijing time), a scratch content/ and a publisher on them. */
export interface Publishing {
  h: Harness;
  c: ContentDir;
  p: Publisher;
  store: PublicationStore;
  published: Publication[];
  /** Loads the post of `slug` from the scratch content/. */
  post(slug: string): Post;
  /** Adds the ledger row the scheduler would add for a post file. */
  track(slug: string): Publication;
  advance(slug: string): ReturnType<typeof advancePublication>;
  run(only?: string): ReturnType<typeof runPublisher>;
  /** Lets the sandbox's jobs finish: the clock moves past their duration (or, for short jobs, their timers run and push events). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface PublishingOptions extends Partial<SandboxDeps> {
  hooks?: PublisherHooks;
  /** The ledger's database; default the sandbox's own :memory: one. */
  ledgerDb?: Db;
  catchUpHours?: number;
  quotaFallback?: "wait" | "publish";
}

export async function startPublishing(options: PublishingOptions = {}): Promise<Publishing> {
  const { hooks, ledgerDb, catchUpHours, quotaFallback, ...sandboxOptions } = options;
  // Jobs take a minute of the fixed clock, so nothing finishes behind a test's back: settle()
  // moves the clock on and the next freepublish/get or mass/get finds the job done.
  const jobDelayMs = sandboxOptions.jobDelayMs ?? 60_000;
  const h = await startHarness({ ...sandboxOptions, jobDelayMs });
  const c = makeContentDir();
  const db = ledgerDb ?? h.db;
  const store = createPublicationStore(db);
  const published: Publication[] = [];
  const accountType = sandboxOptions.accountType ?? "subscription";
  const p: Publisher = {
    accountId: "default",
    contentDir: c.dir,
    timezone: "Asia/Shanghai",
    catchUpMs: (catchUpHours ?? 2) * 3600_000,
    quotaFallback: quotaFallback ?? "wait",
    accountType,
    verified: sandboxOptions.verified ?? true,
    wechat: h.client,
    store,
    uploads: createImageUploader({ accountId: "default", wechat: h.client, store: createUploadedImageStore(db), clock: h.clock, log: h.log }),
    clock: h.clock,
    log: h.log,
    columns: () => c.bot.columnsById,
    owner: "test-host:1:aaaa",
    leaseMs: 60_000,
    settleMs: 10 * 60_000,
    hooks: hooks ?? {},
    onPublished: (row) => void published.push(row),
  };
  const post = (slug: string) => {
    const { posts, errors } = c.load();
    const found = posts.find((x) => x.slug === slug);
    if (!found) throw new Error(`no post ${slug}: ${errors.map((e) => e.message).join("\n")}`);
    return found;
  };
  return {
    h,
    c,
    p,
    store,
    published,
    post,
    track(slug) {
      const x = post(slug);
      return store.insert({ accountId: "default", slug, columnId: x.columnId, mode: x.mode, postTitle: x.title, scheduledAt: x.publishAt }, { step: "scheduled" }, h.clock.now())!;
    },
    advance: (slug) => advancePublication(p, slug, post(slug)),
    run: (only) => runPublisher(p, only === undefined ? {} : { only }),
    async settle() {
      if (jobDelayMs >= 1000) h.clock.advance(jobDelayMs);
      else await h.sandbox.idle();
    },
    async close() {
      h.sandbox.close();
      await h.close();
      c.remove();
    },
  };
}
