CREATE TABLE `seeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seeded_at` text NOT NULL,
	`expired_keys` text NOT NULL
);
