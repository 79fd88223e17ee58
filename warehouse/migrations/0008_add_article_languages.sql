-- The article's declared and detected languages side by side (issue #4: "language (declared and
-- detected)"); `language` keeps its meaning: the declared one, else the detected one.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS language_declared VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS language_detected VARCHAR;
