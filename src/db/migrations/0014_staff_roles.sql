-- Roles per account (issue 14): a grant is (user, role, account id or '*' for every account).
-- admin: the county admin (every account, staff users, 附件3 locking); editor: an account's posts,
-- inbox, 青年之声, 留言 and its township's 附件3 figures; viewer: figures and exports only.
CREATE TABLE staff_roles (
  user_id     INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  role        TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  account_id  TEXT    NOT NULL,          -- an id of content/accounts.yml, or '*'
  granted_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, role, account_id)
) WITHOUT ROWID;

-- Everyone who could log in before roles existed could do everything: they stay county admins,
-- so an upgrade changes nothing for today's installs.
INSERT INTO staff_roles (user_id, role, account_id, granted_at)
  SELECT id, 'admin', '*', created_at FROM staff_users;
