import type { Db } from "../open-database";

/** The ledger's states; migrations 0003 and 0010 document each one and the transitions between them. */
export const PUBLICATION_STATES = [
  "scheduled",
  "rendering",
  "drafted",
  "submitted",
  "published",
  "failed",
  "missed",
  "waiting_quota",
  "cancelled",
  /** 草稿已建: WeChat refused to publish through the API (48001); staff publish the draft by hand. */
  "draft_only",
  /** 等待管理员确认: API 群发保护 holds the send until an admin confirms it (30 minutes at most). */
  "awaiting_approval",
  /** 已跳过: staff skipped it before anything was sent. */
  "skipped",
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** 群发 (mass: pushed to followers, quota-limited) or 发布 (publish: not pushed). */
export type PublicationMode = "mass" | "publish";

/** One row of `publications`. Times are instants; null where the step has not happened. */
export interface Publication {
  accountId: string;
  slug: string;
  columnId: string;
  mode: PublicationMode;
  postTitle: string;
  scheduledAt: Date;
  state: PublicationState;
  issue: number | null;
  articleTitle: string | null;
  digest: string | null;
  contentHash: string | null;
  coverMediaId: string | null;
  coverUrl: string | null;
  draftRequestedAt: Date | null;
  draftMediaId: string | null;
  draftedAt: Date | null;
  submitRequestedAt: Date | null;
  clientMsgId: string | null;
  publishId: string | null;
  msgId: string | null;
  msgDataId: string | null;
  submittedAt: Date | null;
  articleId: string | null;
  articleUrl: string | null;
  publishedAt: Date | null;
  sentCount: number | null;
  errorCount: number | null;
  failureCode: string | null;
  failureReason: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date;
  /** Bumped by every write; save() compares and sets it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of a publication's history. */
export interface PublicationEvent {
  at: Date;
  step: string;
  state: PublicationState;
  detail: string | null;
}

/** What the bot lists: published articles with a link, newest first. */
export interface PublishedArticleRow {
  columnId: string;
  articleTitle: string;
  digest: string;
  articleUrl: string;
  coverUrl: string | null;
  publishedAt: Date;
  issue: number | null;
}

export interface StepNote {
  step: string;
  detail?: string | undefined;
}

/** The ledger. The publisher reads a row, computes the next one, and saves it by compare-and-set. */
export interface PublicationStore {
  find(accountId: string, slug: string): Publication | undefined;
  /** Every row of the account, oldest schedule first (a county account has hundreds, not millions). */
  list(accountId: string): Publication[];
  findByPublishId(accountId: string, publishId: string): Publication | undefined;
  findByMsgId(accountId: string, msgId: string): Publication | undefined;
  /** Inserts a new row (state scheduled); undefined when the slug already has one. */
  insert(row: NewPublication, note: StepNote, now: Date): Publication | undefined;
  /**
   * Writes `next` if the stored row still has `next.revision` (else undefined: someone else wrote
   * first, re-read and decide again). Records `note` in the same transaction.
   */
  save(next: Publication, note: StepNote, now: Date): Publication | undefined;
  /**
   * save() of a row whose issue (期数) is now taken for good, committing it to column_issues in the
   * same transaction: a row turning `published`, or `draft_only` (its draft carries the number).
   */
  savePublished(next: Publication, note: StepNote, now: Date): Publication | undefined;
  /** The column's last published issue (期数), 0 before the first. */
  lastIssue(accountId: string, columnId: string): number;
  /** Mass sends WeChat accepted (submitted or published) since `since`: our side of the 群发 quota. */
  countMassSendsSince(accountId: string, since: Date): number;
  /**
   * Mass sends WeChat accepted or holds for an admin's approval (submitted, published,
   * awaiting_approval) with submitted_at in [from, to): the 群发 quota of one day or month.
   */
  countMassSendsBetween(accountId: string, from: Date, to: Date): number;
  events(accountId: string, slug: string): PublicationEvent[];
  /** Published rows with a URL, newest first, at most `perColumn` per column. */
  publishedArticles(accountId: string, perColumn: number): PublishedArticleRow[];
  /**
   * Takes the row for this process unless another live process holds it. `steal` names a holder
   * known to be dead (same host, pid gone): its lease is taken over at once.
   */
  claim(accountId: string, slug: string, owner: string, until: Date, now: Date, steal?: string): boolean;
  release(accountId: string, slug: string, owner: string): void;
}

export type NewPublication = Pick<Publication, "accountId" | "slug" | "columnId" | "mode" | "postTitle" | "scheduledAt">;

interface Row {
  account_id: string;
  post_slug: string;
  column_id: string;
  mode: PublicationMode;
  post_title: string;
  scheduled_at: number;
  state: PublicationState;
  issue: number | null;
  article_title: string | null;
  digest: string | null;
  content_hash: string | null;
  cover_media_id: string | null;
  cover_url: string | null;
  draft_requested_at: number | null;
  draft_media_id: string | null;
  drafted_at: number | null;
  submit_requested_at: number | null;
  client_msg_id: string | null;
  publish_id: string | null;
  msg_id: string | null;
  msg_data_id: string | null;
  submitted_at: number | null;
  article_id: string | null;
  article_url: string | null;
  published_at: number | null;
  sent_count: number | null;
  error_count: number | null;
  failure_code: string | null;
  failure_reason: string | null;
  attempts: number;
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_until: number;
  revision: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS =
  "account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, digest, content_hash, " +
  "cover_media_id, cover_url, draft_requested_at, draft_media_id, drafted_at, submit_requested_at, client_msg_id, " +
  "publish_id, msg_id, msg_data_id, submitted_at, article_id, article_url, published_at, sent_count, error_count, " +
  "failure_code, failure_reason, attempts, next_attempt_at, lease_owner, lease_until, revision, created_at, updated_at";

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const date = (n: number | null) => (n === null ? null : new Date(n));

function fromRow(r: Row): Publication {
  return {
    accountId: r.account_id,
    slug: r.post_slug,
    columnId: r.column_id,
    mode: r.mode,
    postTitle: r.post_title,
    scheduledAt: new Date(r.scheduled_at),
    state: r.state,
    issue: r.issue,
    articleTitle: r.article_title,
    digest: r.digest,
    contentHash: r.content_hash,
    coverMediaId: r.cover_media_id,
    coverUrl: r.cover_url,
    draftRequestedAt: date(r.draft_requested_at),
    draftMediaId: r.draft_media_id,
    draftedAt: date(r.drafted_at),
    submitRequestedAt: date(r.submit_requested_at),
    clientMsgId: r.client_msg_id,
    publishId: r.publish_id,
    msgId: r.msg_id,
    msgDataId: r.msg_data_id,
    submittedAt: date(r.submitted_at),
    articleId: r.article_id,
    articleUrl: r.article_url,
    publishedAt: date(r.published_at),
    sentCount: r.sent_count,
    errorCount: r.error_count,
    failureCode: r.failure_code,
    failureReason: r.failure_reason,
    attempts: r.attempts,
    nextAttemptAt: date(r.next_attempt_at),
    leaseOwner: r.lease_owner,
    leaseUntil: new Date(r.lease_until),
    revision: r.revision,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** The mutable columns as named parameters. */
function params(p: Publication) {
  return {
    account_id: p.accountId,
    post_slug: p.slug,
    column_id: p.columnId,
    mode: p.mode,
    post_title: p.postTitle,
    scheduled_at: p.scheduledAt.getTime(),
    state: p.state,
    issue: p.issue,
    article_title: p.articleTitle,
    digest: p.digest,
    content_hash: p.contentHash,
    cover_media_id: p.coverMediaId,
    cover_url: p.coverUrl,
    draft_requested_at: ms(p.draftRequestedAt),
    draft_media_id: p.draftMediaId,
    drafted_at: ms(p.draftedAt),
    submit_requested_at: ms(p.submitRequestedAt),
    client_msg_id: p.clientMsgId,
    publish_id: p.publishId,
    msg_id: p.msgId,
    msg_data_id: p.msgDataId,
    submitted_at: ms(p.submittedAt),
    article_id: p.articleId,
    article_url: p.articleUrl,
    published_at: ms(p.publishedAt),
    sent_count: p.sentCount,
    error_count: p.errorCount,
    failure_code: p.failureCode,
    failure_reason: p.failureReason,
    attempts: p.attempts,
    next_attempt_at: ms(p.nextAttemptAt),
    revision: p.revision,
  };
}

export function createPublicationStore(db: Db): PublicationStore {
  const selectOne = db.prepare<{ account_id: string; post_slug: string }, Row>(
    `SELECT ${COLUMNS} FROM publications WHERE account_id = @account_id AND post_slug = @post_slug`,
  );
  const selectAll = db.prepare<{ account_id: string }, Row>(
    `SELECT ${COLUMNS} FROM publications WHERE account_id = @account_id ORDER BY scheduled_at, id`,
  );
  const selectByPublishId = db.prepare<{ account_id: string; publish_id: string }, Row>(
    `SELECT ${COLUMNS} FROM publications WHERE account_id = @account_id AND publish_id = @publish_id ORDER BY id DESC LIMIT 1`,
  );
  const selectByMsgId = db.prepare<{ account_id: string; msg_id: string }, Row>(
    `SELECT ${COLUMNS} FROM publications WHERE account_id = @account_id AND msg_id = @msg_id ORDER BY id DESC LIMIT 1`,
  );
  const insertRow = db.prepare(
    `INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, created_at, updated_at)
     VALUES (@account_id, @post_slug, @column_id, @mode, @post_title, @scheduled_at, 'scheduled', @now, @now)
     ON CONFLICT (account_id, post_slug) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE publications SET
       column_id = @column_id, mode = @mode, post_title = @post_title, scheduled_at = @scheduled_at, state = @state,
       issue = @issue, article_title = @article_title, digest = @digest, content_hash = @content_hash,
       cover_media_id = @cover_media_id, cover_url = @cover_url, draft_requested_at = @draft_requested_at,
       draft_media_id = @draft_media_id, drafted_at = @drafted_at, submit_requested_at = @submit_requested_at,
       client_msg_id = @client_msg_id, publish_id = @publish_id, msg_id = @msg_id, msg_data_id = @msg_data_id,
       submitted_at = @submitted_at, article_id = @article_id, article_url = @article_url, published_at = @published_at,
       sent_count = @sent_count, error_count = @error_count, failure_code = @failure_code,
       failure_reason = @failure_reason, attempts = @attempts, next_attempt_at = @next_attempt_at,
       revision = revision + 1, updated_at = @now
     WHERE account_id = @account_id AND post_slug = @post_slug AND revision = @revision`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO publication_events (account_id, post_slug, at, step, state, detail)
     VALUES (@account_id, @post_slug, @at, @step, @state, @detail)`,
  );
  const selectEvents = db.prepare<{ account_id: string; post_slug: string }, { at: number; step: string; state: PublicationState; detail: string | null }>(
    "SELECT at, step, state, detail FROM publication_events WHERE account_id = @account_id AND post_slug = @post_slug ORDER BY id",
  );
  const commitIssue = db.prepare(
    `INSERT INTO column_issues (account_id, column_id, last_issue, updated_at) VALUES (@account_id, @column_id, @issue, @now)
     ON CONFLICT (account_id, column_id) DO UPDATE SET last_issue = MAX(last_issue, excluded.last_issue), updated_at = excluded.updated_at`,
  );
  const selectIssue = db.prepare<{ account_id: string; column_id: string }, { last_issue: number }>(
    "SELECT last_issue FROM column_issues WHERE account_id = @account_id AND column_id = @column_id",
  );
  const countMass = db.prepare<{ account_id: string; since: number }, { n: number }>(
    `SELECT COUNT(*) AS n FROM publications WHERE account_id = @account_id AND mode = 'mass'
       AND state IN ('submitted', 'published') AND submitted_at >= @since`,
  );
  const countMassBetween = db.prepare<{ account_id: string; from: number; to: number }, { n: number }>(
    `SELECT COUNT(*) AS n FROM publications WHERE account_id = @account_id AND mode = 'mass'
       AND state IN ('submitted', 'published', 'awaiting_approval') AND submitted_at >= @from AND submitted_at < @to`,
  );
  const selectPublished = db.prepare<
    { account_id: string; per_column: number },
    { column_id: string; article_title: string; digest: string | null; article_url: string; cover_url: string | null; published_at: number; issue: number | null }
  >(
    `SELECT column_id, article_title, digest, article_url, cover_url, published_at, issue FROM (
       SELECT column_id, article_title, digest, article_url, cover_url, published_at, issue,
              ROW_NUMBER() OVER (PARTITION BY column_id ORDER BY published_at DESC, id DESC) AS n
         FROM publications
        WHERE account_id = @account_id AND state = 'published' AND article_url IS NOT NULL AND article_title IS NOT NULL)
     WHERE n <= @per_column ORDER BY published_at DESC`,
  );
  const claimRow = db.prepare(
    `UPDATE publications SET lease_owner = @owner, lease_until = @until
      WHERE account_id = @account_id AND post_slug = @post_slug
        AND (lease_owner IS NULL OR lease_owner = @owner OR lease_until <= @now OR lease_owner = @steal)`,
  );
  const releaseRow = db.prepare(
    `UPDATE publications SET lease_owner = NULL, lease_until = 0
      WHERE account_id = @account_id AND post_slug = @post_slug AND lease_owner = @owner`,
  );

  const find = (accountId: string, slug: string) => {
    const r = selectOne.get({ account_id: accountId, post_slug: slug });
    return r && fromRow(r);
  };
  const note = (p: Publication, n: StepNote, now: Date) =>
    insertEvent.run({ account_id: p.accountId, post_slug: p.slug, at: now.getTime(), step: n.step, state: p.state, detail: n.detail ?? null });

  const saveTx = db.transaction((next: Publication, n: StepNote, now: Date, publishedIssue: boolean) => {
    const changed = update.run({ ...params(next), now: now.getTime() }).changes;
    if (changed === 0) return undefined;
    if (publishedIssue && next.issue !== null) {
      commitIssue.run({ account_id: next.accountId, column_id: next.columnId, issue: next.issue, now: now.getTime() });
    }
    note(next, n, now);
    return find(next.accountId, next.slug);
  });
  const insertTx = db.transaction((row: NewPublication, n: StepNote, now: Date) => {
    const changed = insertRow.run({
      account_id: row.accountId,
      post_slug: row.slug,
      column_id: row.columnId,
      mode: row.mode,
      post_title: row.postTitle,
      scheduled_at: row.scheduledAt.getTime(),
      now: now.getTime(),
    }).changes;
    if (changed === 0) return undefined;
    const created = find(row.accountId, row.slug)!;
    note(created, n, now);
    return created;
  });

  return {
    find,
    list: (accountId) => selectAll.all({ account_id: accountId }).map(fromRow),
    findByPublishId(accountId, publishId) {
      const r = selectByPublishId.get({ account_id: accountId, publish_id: publishId });
      return r && fromRow(r);
    },
    findByMsgId(accountId, msgId) {
      const r = selectByMsgId.get({ account_id: accountId, msg_id: msgId });
      return r && fromRow(r);
    },
    insert: (row, n, now) => insertTx.immediate(row, n, now),
    save: (next, n, now) => saveTx.immediate(next, n, now, false),
    savePublished: (next, n, now) => saveTx.immediate(next, n, now, true),
    lastIssue: (accountId, columnId) => selectIssue.get({ account_id: accountId, column_id: columnId })?.last_issue ?? 0,
    countMassSendsSince: (accountId, since) => countMass.get({ account_id: accountId, since: since.getTime() })!.n,
    countMassSendsBetween: (accountId, from, to) => countMassBetween.get({ account_id: accountId, from: from.getTime(), to: to.getTime() })!.n,
    events: (accountId, slug) =>
      selectEvents.all({ account_id: accountId, post_slug: slug }).map((e) => ({ at: new Date(e.at), step: e.step, state: e.state, detail: e.detail })),
    publishedArticles: (accountId, perColumn) =>
      selectPublished.all({ account_id: accountId, per_column: perColumn }).map((r) => ({
        columnId: r.column_id,
        articleTitle: r.article_title,
        digest: r.digest ?? "",
        articleUrl: r.article_url,
        coverUrl: r.cover_url,
        publishedAt: new Date(r.published_at),
        issue: r.issue,
      })),
    claim: (accountId, slug, owner, until, now, steal) =>
      claimRow.run({ account_id: accountId, post_slug: slug, owner, until: until.getTime(), now: now.getTime(), steal: steal ?? null }).changes > 0,
    release: (accountId, slug, owner) => void releaseRow.run({ account_id: accountId, post_slug: slug, owner }),
  };
}
