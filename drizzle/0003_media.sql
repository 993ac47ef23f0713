CREATE TABLE `media` (
	`hash` text NOT NULL,
	`variant` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` blob NOT NULL,
	`orphaned_at` text,
	PRIMARY KEY(`hash`, `variant`)
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `image_hash` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_width` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `image_height` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `video_poster_hash` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `video_poster_width` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `video_poster_height` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `body_images` text;