//! Tolerant text matching: full- and half-width forms, traditional characters and stray spaces
//! must not stop a label from being recognised. Pure functions, no allocation on the hot path
//! beyond the folded copy itself.

use std::sync::OnceLock;

/// Traditional → simplified pairs for the characters that occur in report labels, headings and
/// the narrative phrases the checker reads. Each entry is two characters: traditional, simplified.
const TRADITIONAL_PAIRS: &str = "開开 請请 數数 決决 處处 與与 護护 內内 務务 資资 訊讯 機机 關关 結结 轉转 \
總总 計计 複复 復复 議议 訴诉 訟讼 維维 糾纠 審审 規规 範范 發发 廢废 現现 許许 強强 製制 國国 類类 過过 \
執执 詢询 無无 沒没 補补 確确 訪访 舉举 報报 業业 構构 會会 組组 織织 權权 穩稳 險险 屬属 於于 費费 繳缴 \
納纳 應应 據据 條条 項项 況况 體体 問问 題题 進进 認认 獲获 經经 級级 門门 單单 為为 對对 個个 兩两 並并 \
從从 後后 時时 東东 區区 縣县 鄉乡 鎮镇 辦办 導导 產产 實实 際际 說说 來来 這这 樣样 萬万 額额 統统 籌筹 \
歸归 檔档 錄录 證证 態态 達达 讓让 採采 購购 準准 當当 場场 書书 記记 載载 遞递 選选 擇择 種种 擬拟 幫帮 \
將将 滿满 歲岁 響响 運运 營营 銷销 劃划 參参 節节 園园 濟济 環环 設设 訂订 調调 談谈 論论 諮咨 該该 詳详 \
誤误 讀读 變变 貫贯 負负 責责 貼贴 質质 賬账 踐践 車车 軟软 輸输 農农 還还 遠远 違违 遺遗 郵邮 釋释 長长 \
閱阅 陽阳 隨随 雙双 電电 預预 顯显 風风 養养 點点 齊齐 標标 網网 編编 線线 細细 綜综 績绩 續续 紙纸 圍围 \
圖图 團团 專专 屆届 層层 勞劳 協协 衛卫 們们 價价 億亿 傳传 備备 優优 壓压 寫写 廣广 張张 徵征 範范 視视 \
覽览 觀观 評评 試试 詞词 禮礼 稅税 積积 蘇苏 號号 滙汇 彙汇 滿满 溝沟 災灾 獎奖 畫画 盡尽 監监 稱称 競竞 \
簡简 鐵铁 閉闭 間间 陳陈 雜杂 難难 頁页 頒颁 領领 頻频 願愿 驗验 齡龄 戶户 擔担 擴扩 攜携 掃扫 換换 揮挥 \
損损 搶抢 撥拨 斷断 衝冲 異异 療疗 貧贫 裝装 親亲 註注 誠诚 誌志 謀谋 識识 讚赞 豐丰 貨货 貢贡 財财 賦赋 \
賴赖 賽赛 贊赞 趕赶 跡迹 蹤踪 輕轻 輔辅 轄辖 遲迟 適适 鄰邻 醫医 針针 鍵键 錯错 鬥斗 黨党 龍龙 億亿 \
儘尽 嚴严 廳厅 舊旧 藥药 衆众 眾众 級级 館馆 餘余 驟骤 鑑鉴 隊队 陸陆 靈灵 韓韩 頭头 顧顾 飛飞";

/// The traditional → simplified table, sorted, with a bitmap over the CJK block for a fast
/// "not traditional" answer (most characters of a report are not).
struct Traditional {
    pairs: Vec<(char, char)>,
    bitmap: Vec<u64>,
}

/// First character the bitmap covers (CJK Unified Ideographs).
const CJK_START: u32 = 0x4E00;
/// One past the last character it covers.
const CJK_END: u32 = 0xA000;

fn traditional_table() -> &'static Traditional {
    static TABLE: OnceLock<Traditional> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: Vec<(char, char)> = TRADITIONAL_PAIRS
            .split_whitespace()
            .filter_map(|p| {
                let mut chars = p.chars();
                Some((chars.next()?, chars.next()?))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        let mut bitmap = vec![0u64; ((CJK_END - CJK_START) as usize).div_ceil(64)];
        for (t, _) in &pairs {
            let bit = (*t as u32 - CJK_START) as usize;
            bitmap[bit / 64] |= 1 << (bit % 64);
        }
        Traditional { pairs, bitmap }
    })
}

/// The simplified form of a traditional character, if it is one this table knows.
#[inline]
pub fn simplify(c: char) -> Option<char> {
    let code = c as u32;
    if !(CJK_START..CJK_END).contains(&code) {
        return None;
    }
    let table = traditional_table();
    let bit = (code - CJK_START) as usize;
    if table.bitmap[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    let i = table.pairs.binary_search_by_key(&c, |p| p.0).ok()?;
    Some(table.pairs[i].1)
}

/// Folds one character for matching: full-width ASCII to half-width, traditional to simplified,
/// the many enumeration commas and dots to `.`, brackets to ASCII. Returns `None` for
/// whitespace, which matching ignores.
#[inline]
pub fn fold(c: char) -> Option<char> {
    let code = c as u32;
    if code < 0x80 {
        return (!c.is_ascii_whitespace()).then_some(c);
    }
    if (CJK_START..CJK_END).contains(&code) {
        return Some(simplify(c).unwrap_or(c));
    }
    if c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' {
        return None;
    }
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(code - 0xfee0).unwrap_or(c),
        _ => c,
    };
    Some(match c {
        '、' | '．' => '.',
        '【' | '〔' | '［' => '[',
        '】' | '〕' | '］' => ']',
        '‘' | '’' | '\'' => '"',
        '“' | '”' | '「' | '」' | '『' | '』' => '"',
        _ => c,
    })
}

/// True for a CJK unified ideograph.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// A folded copy of a text, remembering where each folded character came from.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    chars: Vec<char>,
    offsets: Vec<usize>,
    end: usize,
    changed: bool,
}

impl Folded {
    /// Folds `text` (see [`fold`]).
    pub fn new(text: &str) -> Folded {
        let mut folded = Folded {
            chars: Vec::with_capacity(text.len() / 2),
            offsets: Vec::with_capacity(text.len() / 2),
            end: text.len(),
            changed: false,
        };
        for (offset, c) in text.char_indices() {
            if let Some(f) = fold(c) {
                folded.changed |= f != c && is_han(c);
                folded.chars.push(f);
                folded.offsets.push(offset);
            }
        }
        folded
    }

    /// The folded characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The folded text as a string.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// True when a traditional character was simplified.
    pub fn had_traditional(&self) -> bool {
        self.changed
    }

    /// Byte offset in the original text of folded position `i` (the text's end past the last).
    pub fn offset(&self, i: usize) -> usize {
        self.offsets.get(i).copied().unwrap_or(self.end)
    }

    /// Finds folded `key` at or after folded position `from`: the folded range of the match.
    pub fn find(&self, key: &[char], from: usize) -> Option<(usize, usize)> {
        if key.is_empty() || key.len() > self.chars.len() {
            return None;
        }
        find_chars(&self.chars, key, from).map(|i| (i, i + key.len()))
    }

    /// True when folded `key` occurs anywhere.
    pub fn contains(&self, key: &[char]) -> bool {
        self.find(key, 0).is_some()
    }
}

/// The first index at or after `from` where `key` occurs in `hay`.
#[inline]
pub fn find_chars(hay: &[char], key: &[char], from: usize) -> Option<usize> {
    let (&first, rest) = key.split_first()?;
    let last = hay.len().checked_sub(key.len())?;
    (from..=last).find(|&i| hay[i] == first && hay[i + 1..i + key.len()] == *rest)
}

/// Folds a key for [`Folded::find`].
pub fn fold_key(key: &str) -> Vec<char> {
    key.chars().filter_map(fold).collect()
}

/// The first plausible year ("2025年", "2025 年度") in a text.
pub fn first_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
        let year: i32 = digits.parse().ok()?;
        (before_ok && after == Some(&'年') && (2000..2100).contains(&year)).then_some(year)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_full_width_labels_fold_to_the_simplified_form() {
        let folded = Folded::new("（一）予以公開 ２．其他法律 行政法規禁止公開");
        assert_eq!(folded.as_string(), "(一)予以公开2.其他法律行政法规禁止公开");
        assert!(folded.had_traditional());
    }

    #[test]
    fn find_reports_original_offsets() {
        let text = "结果 维持 72";
        let folded = Folded::new(text);
        let (s, e) = folded.find(&fold_key("维持"), 0).unwrap();
        assert_eq!(&text[folded.offset(s)..folded.offset(e)], "维持 ");
    }

    #[test]
    fn every_traditional_pair_is_two_characters() {
        for pair in TRADITIONAL_PAIRS.split_whitespace() {
            assert_eq!(pair.chars().count(), 2, "{pair}");
        }
    }
}
