-- The last failed stable_token call per account (issue 14, 矩阵 page: "token ok / the last token
-- error"). A bad secret (40125), an IP missing from the whitelist (40164) or an unreachable API
-- stops everything an account does with WeChat; the matrix page shows it on that account's row.
-- The columns stay after a later success: the page compares failed_at with refreshed_at.
-- Times are Unix milliseconds (UTC).
ALTER TABLE access_tokens ADD COLUMN failed_at INTEGER;
ALTER TABLE access_tokens ADD COLUMN failure_errcode INTEGER;   -- WeChat's errcode; NULL: no answer (network, timeout)
ALTER TABLE access_tokens ADD COLUMN failure_detail TEXT;       -- errmsg, or the network error's message
