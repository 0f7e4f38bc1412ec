-- The inbox query plans over 2,000,000 mails (issue 14, inbox): psql <scratch database> -f test/load/inbox-plan.sql
\timing on
CREATE TABLE mail_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL, subject text NOT NULL, body_text text NOT NULL, template text NOT NULL,
      status text NOT NULL DEFAULT 'queued', attempts int NOT NULL DEFAULT 0, last_error text NULL,
      created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz NULL,
      recipient_id uuid NULL, link text NULL, read_at timestamptz NULL);
CREATE INDEX mail_message_status ON mail_message (status, created_at);
CREATE TABLE u AS SELECT gen_random_uuid() AS id, g AS n FROM generate_series(1, 20000) g;
-- 2,000,000 mails over 20,000 users (user 1 has 200,000), 90 % read
INSERT INTO mail_message (to_address, subject, body_text, template, status, created_at, recipient_id, read_at)
SELECT 'x', 'subject ' || g, repeat('body ', 40), 't', 'sent', now() - (g || ' seconds')::interval,
       u.id, CASE WHEN g % 10 < 9 THEN now() END
  FROM generate_series(1, 2000000) g JOIN u ON u.n = CASE WHEN g % 10 = 0 THEN 1 ELSE 1 + (g::bigint * 7919) % 20000 END;
CREATE INDEX mail_message_inbox ON mail_message (recipient_id, created_at DESC, id DESC) WHERE recipient_id IS NOT NULL;
CREATE INDEX mail_message_unread ON mail_message (recipient_id, created_at DESC, id DESC) WHERE recipient_id IS NOT NULL AND read_at IS NULL;
VACUUM ANALYZE mail_message;
SELECT count(*) FILTER (WHERE recipient_id = (SELECT id FROM u WHERE n=1)) AS heavy_total,
       count(*) FILTER (WHERE recipient_id = (SELECT id FROM u WHERE n=1) AND read_at IS NULL) AS heavy_unread,
       count(*) FILTER (WHERE recipient_id = (SELECT id FROM u WHERE n=2)) AS typical_total,
       count(*) FILTER (WHERE recipient_id = (SELECT id FROM u WHERE n=2) AND read_at IS NULL) AS typical_unread
  FROM mail_message;
SELECT id AS typical FROM u WHERE n = 2 \gset
SELECT id AS heavy FROM u WHERE n = 1 \gset
PREPARE c(uuid) AS SELECT count(*)::int AS n FROM mail_message WHERE recipient_id = $1 AND read_at IS NULL;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE c(:'typical');
EXPLAIN (ANALYZE, BUFFERS) EXECUTE c(:'heavy');
PREPARE l(uuid) AS SELECT id, subject, body_text, template, link, created_at, read_at FROM mail_message WHERE recipient_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE l(:'heavy');
PREPARE lu(uuid) AS SELECT id, subject FROM mail_message WHERE recipient_id = $1 AND read_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE lu(:'heavy');
PREPARE t(uuid) AS SELECT count(*)::int FROM mail_message WHERE recipient_id = $1;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE t(:'heavy');
EXPLAIN (ANALYZE, BUFFERS) EXECUTE t(:'typical');
