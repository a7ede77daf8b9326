-- Issue 15: the public catalogue of one agency among 500 and a million items. The publication
-- date of the public version is kept on the item too, so that an agency's catalogue is read
-- in order from one index (no join over every item of the agency to sort them) and the
-- platform's per-agency figures come from the index alone.
ALTER TABLE items ADD COLUMN published_on TEXT;
UPDATE items SET published_on = (
    SELECT v.published_on FROM item_versions v
    WHERE v.item_id = items.id AND v.version = items.published_version
) WHERE published_version IS NOT NULL;
CREATE INDEX items_catalogue ON items (agency_id, published_on DESC, id DESC)
    WHERE published_version IS NOT NULL;
