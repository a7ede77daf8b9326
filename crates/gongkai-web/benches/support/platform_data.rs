//! A province-sized platform as SQL (SQLite): 500 agencies (a root, 20 counties, their
//! departments and towns) and their published items, shared by the platform and portal
//! benchmarks.

/// The agencies: 1 the root, 2..=21 counties, the rest departments and towns of a county.
pub fn agencies_sql(agencies: u64) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {agencies}) \
         INSERT INTO agencies (id, parent_id, code, name, level, kind) \
         SELECT i, CASE WHEN i = 1 THEN NULL WHEN i <= 21 THEN 1 ELSE 2 + (i % 20) END, \
           printf('1141%014dX', i), \
           CASE WHEN i = 1 THEN '测试市人民政府' WHEN i <= 21 THEN '测试县' || i || '人民政府' \
             WHEN i % 3 = 0 THEN '测试县' || (2 + i % 20) || '第' || i || '局' \
             ELSE '测试县' || (2 + i % 20) || '第' || i || '镇人民政府' END, \
           CASE WHEN i = 1 THEN '市级' WHEN i <= 21 OR i % 3 = 0 THEN '县级' ELSE '乡级' END, \
           CASE WHEN i > 21 AND i % 3 = 0 THEN 'department' ELSE 'government' END FROM n; \
         INSERT INTO users (id, agency_id, username, display_name, password_hash, created_at) \
         VALUES (1, 1, 'bench', 'bench', 'x', 0);"
    )
}

/// The items, spread over the agencies and over 2019–2026, every one published.
pub fn items_sql(items: u64, agencies: u64) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {items}) \
         INSERT INTO items (id, agency_id, index_no, state, current_version, published_version, \
           published_on, created_by, created_at, updated_at) \
         SELECT i, 1 + (i % {agencies}), 'B/' || i, 'published', 1, 1, \
           date('2019-01-02', '+' || (i % 2890) || ' days'), 1, 0, 0 FROM n; \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {items}) \
         INSERT INTO item_versions (item_id, version, title, summary, body, publisher, topic, \
           written_on, published_on, validity, article20_item, created_by, created_at) \
         SELECT i, 1, '关于第' || i || '号事项的公示', '本事项的内容概述。', \
           '本事项的正文，共若干段落。', '测试机关', '综合政务', \
           date('2019-01-01', '+' || (i % 2890) || ' days'), \
           date('2019-01-02', '+' || (i % 2890) || ' days'), 'valid', 1 + i % 15, 1, 0 FROM n; \
         ANALYZE;"
    )
}

/// The 统一社会信用代码-shaped code of agency `i`.
pub fn code(i: u64) -> String {
    format!("1141{i:014}X")
}
