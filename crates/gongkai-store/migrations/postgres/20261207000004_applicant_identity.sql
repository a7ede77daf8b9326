-- Issue 17 (条例第二十九条): the kind of identity document of a natural person, and for a
-- 法人或者其他组织 its 法定代表人 and 联系人. Rows from before carry empty values.
ALTER TABLE applications ADD COLUMN applicant_id_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN applicant_legal_rep TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN applicant_liaison TEXT NOT NULL DEFAULT '';
