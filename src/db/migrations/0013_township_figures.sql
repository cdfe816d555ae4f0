-- 附件3 农村共青团微信体系建设工作推进情况跟踪摸底表 (issue 14): the figures WeChat does not know
-- (团支部, 团干部, 团员青年, 微信群 and their members, 线下活动; 发送微信数 of accounts whose ledger is
-- not in this install), entered once a month per row of the table, and the month's filing lock.
-- Rows belong to a League unit (a township named in content/accounts.yml, or the county's / city's
-- directly run groups), not to one account: a township may have two accounts, or none yet.
-- Months are YYYY-MM in Asia/Shanghai; times are Unix milliseconds (UTC).

-- Who saved a unit's month last: a unit saved with every field blank still counts as entered.
CREATE TABLE township_figure_entries (
  month     TEXT    NOT NULL,
  unit      TEXT    NOT NULL,   -- accounts.yml township, or county-direct / city-direct
  saved_at  INTEGER NOT NULL,
  saved_by  TEXT    NOT NULL,   -- the dashboard login, or 'cli'
  PRIMARY KEY (month, unit)
) WITHOUT ROWID;

-- One value per field; a field left blank has no row. Keys: src/matrix/figure-fields.ts.
CREATE TABLE township_figures (
  month  TEXT    NOT NULL,
  unit   TEXT    NOT NULL,
  field  TEXT    NOT NULL,
  value  INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (month, unit, field),
  FOREIGN KEY (month, unit) REFERENCES township_figure_entries (month, unit) ON DELETE CASCADE
) WITHOUT ROWID;

-- A month filed with the League: its figures refuse edits until unlocked (both audited in audit_log).
CREATE TABLE township_report_locks (
  month      TEXT    PRIMARY KEY,
  locked_at  INTEGER NOT NULL,
  locked_by  TEXT    NOT NULL,
  filler     TEXT    NOT NULL,  -- 填表人 in the table's header
  phone      TEXT    NOT NULL   -- 联系方式
) WITHOUT ROWID;
