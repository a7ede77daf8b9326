//! Issue 6, search: partial Chinese words match, an exact 索引号 or 文号 ranks first, filters.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions: a panic is a failed test"
)]

use gongkai_search::{Doc, Query, SearchIndex, excerpt, fragments};

fn doc(id: i64, index_no: &str, title: &str, text: &str) -> Doc {
    Doc {
        id,
        agency_id: 1,
        agency_name: "新乡县七里营镇人民政府".into(),
        index_no: index_no.into(),
        doc_no: String::new(),
        title: title.into(),
        text: text.into(),
        topic: "综合政务".into(),
        published_on: "2025-03-01".into(),
        validity: "valid".into(),
    }
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let mut docs = vec![
        doc(
            1,
            "11410721MB0000001X/2025-00001",
            "七里营镇2024年政府信息公开工作年度报告",
            "本报告由七里营镇人民政府编制。",
        ),
        doc(
            2,
            "11410721MB0000001X/2025-00002",
            "关于开展秋季防火工作的通知",
            "各村要做好秸秆禁烧和森林防火。",
        ),
        doc(
            3,
            "11410721MB0000001X/2025-00003",
            "七里营镇农村道路建设项目公示",
            "项目位于七里营村，公开招标。",
        ),
        doc(
            4,
            "11410721MB0000001X/2025-00012",
            "关于印发绿化养护办法的通知",
            "绿化养护责任到村。",
        ),
    ];
    docs[3].doc_no = "七政〔2025〕12号".into();
    docs[2].validity = "abolished".into();
    index.apply(&docs, &[], 7).unwrap();
    index
}

fn ids(index: &SearchIndex, q: Query) -> Vec<i64> {
    index
        .search(&q)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.doc.id)
        .collect()
}

fn text(t: &str) -> Query {
    Query {
        text: t.into(),
        limit: 10,
        ..Query::default()
    }
}

#[test]
fn xinxi_gongkai_finds_zhengfu_xinxi_gongkai() {
    assert_eq!(ids(&index(), text("信息公开")), vec![1]);
    // Not a word to jieba, still a substring.
    assert_eq!(ids(&index(), text("府信")), vec![1]);
    // Every term must occur.
    assert_eq!(ids(&index(), text("七里营 防火")), Vec::<i64>::new());
    assert_eq!(ids(&index(), text("秸秆 防火")), vec![2]);
}

#[test]
fn an_exact_index_number_or_doc_number_is_the_first_hit() {
    let index = index();
    let hits = ids(&index, text("11410721MB0000001X/2025-00002"));
    assert_eq!(hits.first(), Some(&2));
    let hits = ids(&index, text("11410721mb0000001x/2025-00012"));
    assert_eq!(hits.first(), Some(&4));
    let hits = ids(&index, text("七政〔2025〕12号"));
    assert_eq!(hits.first(), Some(&4));
}

#[test]
fn filters_narrow_the_hits_abolished_items_can_be_left_out() {
    let index = index();
    let mut all = ids(&index, text("七里营"));
    all.sort();
    assert_eq!(all, vec![1, 3]);
    let valid = Query {
        validity: Some("valid".into()),
        ..text("七里营")
    };
    assert_eq!(ids(&index, valid), vec![1]);
    let other_year = Query {
        year: Some(2024),
        ..text("七里营")
    };
    assert!(ids(&index, other_year).is_empty());
}

#[test]
fn a_one_character_term_and_odd_punctuation_do_not_fail() {
    let index = index();
    assert!(ids(&index, text("村")).contains(&2));
    assert!(index.search(&text("条例) AND (")).is_ok());
    assert!(ids(&index, text("   ")).is_empty());
}

#[test]
fn the_watermark_is_kept_with_the_commit_and_updates_replace() {
    let index = index();
    assert_eq!(index.watermark().unwrap(), 7);
    let changed = doc(
        2,
        "11410721MB0000001X/2025-00002",
        "关于开展冬季防火工作的通知",
        "",
    );
    index.apply(&[changed], &[1], 9).unwrap();
    assert_eq!(index.watermark().unwrap(), 9);
    assert_eq!(ids(&index, text("冬季防火")), vec![2]);
    assert!(ids(&index, text("秋季")).is_empty());
    assert!(ids(&index, text("信息公开")).is_empty());
    assert_eq!(index.len(), 3);
}

#[test]
fn snippets_mark_every_occurrence_around_the_first() {
    let f = fragments(
        "本镇依法做好政府信息公开工作，信息公开平台运行良好。",
        "信息公开",
        100,
    );
    let marked: Vec<&str> = f
        .iter()
        .filter(|f| f.hit)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(marked, vec!["信息公开", "信息公开"]);
    let long = "甲".repeat(200) + "公开" + &"乙".repeat(200);
    let f = fragments(&long, "公开", 40);
    assert_eq!(f.first().map(|f| f.text.as_str()), Some("…"));
    assert!(f.iter().any(|f| f.hit && f.text == "公开"));
}

fn shown(f: &[gongkai_search::Fragment]) -> String {
    f.iter().map(|f| f.text.as_str()).collect()
}

fn marked(f: &[gongkai_search::Fragment]) -> Vec<&str> {
    f.iter()
        .filter(|f| f.hit)
        .map(|f| f.text.as_str())
        .collect()
}

/// Issue 20: every snippet repeated the contact sentence at the end of the text, where a
/// common term first occurred. A title that holds the query shows the text's opening; a
/// match in the text only shows the passage where the terms meet.
#[test]
fn issue20_snippets_come_from_the_matched_text_not_the_shared_footer() {
    let footer = "如有疑问，请联系七里营镇党政办公室，电话0373-5561001。";
    let text = format!(
        "公示本月临时救助对象和救助金额。{}{footer}",
        "内容。".repeat(60)
    );
    let f = excerpt("七里营镇2025年3月临时救助发放公示", &text, "七里营镇", 40);
    assert!(
        shown(&f).starts_with("公示本月临时救助对象"),
        "{}",
        shown(&f)
    );
    let text = format!(
        "{footer}{}本镇发放耕地地力保护补贴，涉及七里营镇各村。",
        "内容。".repeat(60)
    );
    let f = excerpt("2025年补贴发放公示", &text, "七里营镇 耕地", 40);
    assert!(shown(&f).contains("耕地地力保护补贴"), "{}", shown(&f));
    assert_eq!(marked(&f), vec!["耕地", "七里营镇"]);
}

/// A query typed as one run ("临时救助金额") that the text holds only in pieces is marked by
/// its two-character pieces, as the index matched it.
#[test]
fn issue20_a_query_the_text_holds_in_pieces_is_marked_in_pieces() {
    let f = excerpt(
        "公示",
        "本月发放临时救助，总金额三万元。",
        "临时救助金额",
        100,
    );
    assert_eq!(marked(&f), vec!["临时救助", "金额"]);
}

#[test]
fn the_index_survives_reopening_from_its_directory() {
    let dir = std::env::temp_dir().join(format!("gongkai-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let index = SearchIndex::open(&dir).unwrap();
        index
            .apply(&[doc(5, "X/2025-00005", "政务公开要点", "")], &[], 3)
            .unwrap();
    }
    let index = SearchIndex::open(&dir).unwrap();
    assert_eq!(index.watermark().unwrap(), 3);
    assert_eq!(ids(&index, text("政务公开")), vec![5]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_word_in_most_items_lists_title_matches_first_with_an_estimated_total() {
    let index = SearchIndex::in_memory().unwrap();
    let docs: Vec<Doc> = (0..25_000)
        .map(|i| {
            let title = if i % 1000 == 7 {
                format!("第{i}号政务公开通知")
            } else {
                format!("第{i}号工作通知")
            };
            doc(i, &format!("X/2025-{i:05}"), &title, "依法做好公开工作。")
        })
        .collect();
    index.add_uncommitted(&docs).unwrap();
    index.apply(&[], &[], 1).unwrap();
    let r = index.search(&text("公开")).unwrap();
    assert!(r.estimated);
    assert!(r.total >= 25_000, "an upper bound: {}", r.total);
    assert_eq!(r.hits.len(), 10);
    assert!(
        r.hits.iter().all(|h| h.doc.title.contains("公开")),
        "title matches first"
    );
    assert_eq!(
        index.matching_ids(&text("公开")).unwrap().len(),
        25_000,
        "recall is unchanged"
    );
    let rare = index.search(&text("政务公开")).unwrap();
    assert!(!rare.estimated);
    assert_eq!(rare.total, 25);
}

/// Issue 13: an offset from a URL (`page=4294967295`) must never reach the collector, which
/// would allocate the whole skipped range and abort the process.
#[test]
fn issue13_an_offset_beyond_the_cap_is_refused_without_allocating() {
    let index = index();
    for offset in [gongkai_search::MAX_OFFSET + 1, 42_949_672_950, usize::MAX] {
        let q = Query {
            text: "通知".into(),
            offset,
            limit: usize::MAX,
            ..Query::default()
        };
        let err = index.search(&q).unwrap_err();
        assert!(matches!(err, gongkai_search::SearchError::TooDeep), "{err}");
    }
    let deepest = Query {
        text: "通知".into(),
        offset: gongkai_search::MAX_OFFSET,
        limit: usize::MAX,
        ..Query::default()
    };
    let r = index.search(&deepest).unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 2);
}

/// Issue 20: a 索引号 or 文号 is found by a part of it that starts or ends at a separator.
#[test]
fn a_partial_index_number_or_doc_number_finds_the_item() {
    let index = index();
    assert_eq!(ids(&index, text("2025-00002")).first(), Some(&2));
    assert_eq!(ids(&index, text("00012")).first(), Some(&4));
    assert_eq!(ids(&index, text("〔2025〕12号")).first(), Some(&4));
    assert_eq!(ids(&index, text("12号")).first(), Some(&4));
}
