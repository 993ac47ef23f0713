CREATE TABLE `content_files` (
	`path` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`slug` text NOT NULL,
	`content_hash` text NOT NULL,
	`facts` text NOT NULL,
	CONSTRAINT "content_files_kind" CHECK("content_files"."kind" IN ('article', 'author'))
);
