-- The schema update a package upgrade ran automatically on a live site.
-- On the small test database it was instant. In production it took the site down.

-- Widen the log's columns: a type change, so the table is copied with writes blocked.
ALTER TABLE watchdog MODIFY wid BIGINT NOT NULL AUTO_INCREMENT;
ALTER TABLE watchdog MODIFY location TEXT NOT NULL;

-- New columns and an index on the content table.
ALTER TABLE node ADD COLUMN langcode VARCHAR(12) NOT NULL DEFAULT 'und' AFTER type;
ALTER TABLE node ADD INDEX node_status_type (status, type, nid);
ALTER TABLE node MODIFY title VARCHAR(512) NOT NULL DEFAULT '';

-- Clear the old log entries "the hard way": one DELETE of every row.
DELETE FROM watchdog;
