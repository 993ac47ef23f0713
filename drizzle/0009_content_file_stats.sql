ALTER TABLE `content_files` ADD `stat` text;--> statement-breakpoint
CREATE INDEX `articles_section_name_idx` ON `articles` (`section_slug`,`section`);--> statement-breakpoint
CREATE INDEX `articles_slug_hash_idx` ON `articles` (`slug`,`content_hash`);--> statement-breakpoint
CREATE INDEX `media_orphaned_idx` ON `media` (`orphaned_at`) WHERE "media"."orphaned_at" IS NOT NULL;