-- Issue 20: a password the 系统管理员 reset is a one-time password; the user must choose a
-- new one at the next login (1 = must change).
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
