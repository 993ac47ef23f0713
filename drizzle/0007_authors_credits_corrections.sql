CREATE TABLE `article_authors` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`author_id` integer NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `article_authors_author_published_idx` ON `article_authors` (`author_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `article_corrections` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`corrected_at` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_corrections_corrected_idx` ON `article_corrections` (`corrected_at`);--> statement-breakpoint
CREATE TABLE `article_credits` (
	`article_id` integer NOT NULL,
	`position` integer NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`article_id`, `position`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
