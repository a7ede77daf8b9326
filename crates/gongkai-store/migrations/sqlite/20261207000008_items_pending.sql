-- Issue 19: the dashboard reads the items waiting for review without reading every item.
CREATE INDEX items_pending ON items (agency_id) WHERE state IN ('pending_registration', 'pending_approval');
-- And a watched 标准目录 column's last publication, domain by domain.
CREATE INDEX item_versions_domain ON item_versions (domain, item_id);
-- And the items published since a day (this year's, for the dashboard), whatever the agency.
CREATE INDEX items_recent ON items (published_on, agency_id);
