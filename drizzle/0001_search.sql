-- Full-text search over articles (SQLite FTS5). drizzle-kit cannot describe virtual tables, so this is a
-- custom migration generated with `drizzle-kit generate --custom`. Each row's rowid is the article's id;
-- the seed keeps it in sync (body is the Markdown body as plain text). unicode61 with remove_diacritics 2
-- folds accents, so "nandu" finds "Ñandú" and the other way round.
CREATE VIRTUAL TABLE `articles_search` USING fts5(
	title,
	dek,
	body,
	tokenize = 'unicode61 remove_diacritics 2'
);
