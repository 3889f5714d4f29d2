-- A content site's schema, as its production database has it (SHOW CREATE TABLE output, trimmed).
-- Sizes in production: see sizes.txt. Used by the README's demo: drydock plan builds a sized
-- shadow copy of these tables and rehearses the upgrade migration on it.

CREATE TABLE `users` (
  `uid` int unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(60) NOT NULL DEFAULT '',
  `mail` varchar(254) DEFAULT '',
  `created` int NOT NULL DEFAULT 0,
  `status` tinyint NOT NULL DEFAULT 0,
  PRIMARY KEY (`uid`),
  UNIQUE KEY `name` (`name`),
  KEY `mail` (`mail`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `node` (
  `nid` int unsigned NOT NULL AUTO_INCREMENT,
  `type` varchar(32) NOT NULL DEFAULT '',
  `title` varchar(255) NOT NULL DEFAULT '',
  `uid` int unsigned NOT NULL DEFAULT 0,
  `status` int NOT NULL DEFAULT 1,
  `created` int NOT NULL DEFAULT 0,
  `changed` int NOT NULL DEFAULT 0,
  `promote` int NOT NULL DEFAULT 0,
  PRIMARY KEY (`nid`),
  KEY `node_type` (`type`),
  KEY `uid` (`uid`),
  KEY `node_created` (`created`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The site's log: nine million rows nobody reads.
CREATE TABLE `watchdog` (
  `wid` int NOT NULL AUTO_INCREMENT,
  `uid` int unsigned NOT NULL DEFAULT 0,
  `type` varchar(64) NOT NULL DEFAULT '',
  `message` text NOT NULL,
  `severity` tinyint unsigned NOT NULL DEFAULT 0,
  `location` varchar(255) NOT NULL DEFAULT '',
  `hostname` varchar(128) NOT NULL DEFAULT '',
  `timestamp` int NOT NULL DEFAULT 0,
  PRIMARY KEY (`wid`),
  KEY `type` (`type`),
  KEY `uid` (`uid`),
  KEY `severity` (`severity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
