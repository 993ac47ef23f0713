CREATE TABLE `article_redirects` (
	`from_slug` text PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_redirects_article_idx` ON `article_redirects` (`article_id`);--> statement-breakpoint
CREATE TABLE `article_tags` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_tags_slug_published_idx` ON `article_tags` (`slug`,`published_at`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`dek` text,
	`author_id` integer NOT NULL,
	`section` text NOT NULL,
	`section_slug` text NOT NULL,
	`source` text,
	`published_at` text NOT NULL,
	`updated_at` text,
	`image_src` text,
	`image_alt` text,
	`image_caption` text,
	`image_credit` text,
	`video_title` text,
	`video_id` text,
	`video_poster` text,
	`video_credit` text,
	`body` text NOT NULL,
	`word_count` integer NOT NULL,
	`source_file` text NOT NULL,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_published_at_idx` ON `articles` (`published_at`,`slug`);--> statement-breakpoint
CREATE INDEX `articles_author_published_idx` ON `articles` (`author_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_section_published_idx` ON `articles` (`section_slug`,`published_at`);--> statement-breakpoint
CREATE TABLE `authors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`organization` text,
	`bio` text,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authors_slug_unique` ON `authors` (`slug`);--> statement-breakpoint
CREATE TABLE `related_links` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`target_article_id` integer,
	`url` text,
	`title` text,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "related_links_one_target" CHECK(("related_links"."target_article_id" IS NOT NULL AND "related_links"."url" IS NULL) OR ("related_links"."target_article_id" IS NULL AND "related_links"."url" IS NOT NULL AND "related_links"."title" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `related_links_target_idx` ON `related_links` (`target_article_id`);