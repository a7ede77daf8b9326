//! The letters of 依申请公开 (答复书, 补正告知书, 延期告知书, 征求意见书, 收费通知书): each cites
//! its article, and every decision letter states the remedy (行政复议 within 60 days to the
//! 复议机关 under the 行政复议法 as revised in 2023, or 行政诉讼 within 6 months).

use crate::clock::{Date, Outcome};
use crate::report::Format;

/// Which letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterKind {
    /// 政府信息公开申请答复书.
    Answer,
    /// 补正告知书 (条例第三十条).
    Correction,
    /// 延期答复告知书 (条例第三十三条第二款).
    Extension,
    /// 第三方意见征询函 (条例第三十二条).
    Consultation,
    /// 收费通知书 (国办函〔2020〕109号).
    FeeNotice,
}

impl LetterKind {
    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Answer => "answer",
            LetterKind::Correction => "correction",
            LetterKind::Extension => "extension",
            LetterKind::Consultation => "consultation",
            LetterKind::FeeNotice => "fee_notice",
        }
    }

    /// The title printed on the letter.
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Answer => "政府信息公开申请答复书",
            LetterKind::Correction => "政府信息公开申请补正告知书",
            LetterKind::Extension => "政府信息公开申请延期答复告知书",
            LetterKind::Consultation => "政府信息公开第三方意见征询函",
            LetterKind::FeeNotice => "政府信息公开信息处理费收费通知书",
        }
    }
}

/// What a letter needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterFacts {
    /// The agency writing.
    pub agency: String,
    /// The applicant (or, for a consultation, the third party).
    pub addressee: String,
    /// 查询码.
    pub code: String,
    /// The date of receipt.
    pub received: Option<Date>,
    /// What was asked for.
    pub request: String,
    /// The letter's date.
    pub on: Date,
    /// 复议机关 (for a 乡镇 or a county department normally the county 人民政府).
    pub reconsideration_body: String,
}

/// A composed letter: title and paragraphs (the last two are the signature and date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// Which.
    pub kind: LetterKind,
    /// Title.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

fn remedy(f: &LetterFacts) -> String {
    format!(
        "如对本答复不服，可以自收到本答复之日起60日内向{}申请行政复议，或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。",
        f.reconsideration_body
    )
}

fn opening(f: &LetterFacts) -> String {
    let received = f.received.map_or("近日".to_string(), date_cn);
    format!(
        "本机关于{received}收到您提出的政府信息公开申请（查询码：{}），申请获取：{}。",
        f.code,
        f.request.trim()
    )
}

/// `2025年6月3日`.
pub fn date_cn(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{y}年{m}月{day}日")
}

/// What the answer says for an outcome.
fn decision(outcome: Outcome) -> String {
    let row = &Format::Current2021.application_rows()[outcome.row()];
    let basis = outcome.basis();
    match outcome {
        Outcome::Granted => {
            format!("经审查，您申请的政府信息属于公开范围，依据{basis}的规定，现予以提供。")
        }
        Outcome::Partial => format!(
            "经审查，您申请的政府信息中含有不应当公开的内容，依据{basis}的规定，本机关对可以公开的部分予以提供，对不应当公开的内容作了区分处理。"
        ),
        Outcome::UnableNotHeld => {
            format!("经检索，本机关未制作、获取您申请的政府信息，依据{basis}的规定，告知如上。")
        }
        Outcome::UnableNeedsCreation => format!(
            "经审查，您申请的信息需要本机关对现有政府信息进行加工、分析，依据{basis}的规定，本机关不予提供。"
        ),
        o if o.row_key().starts_with("withheld") => format!(
            "经审查，您申请的政府信息{}，依据{basis}的规定，不予公开。",
            row.label
        ),
        o if o.row_key().starts_with("rejected") => format!(
            "经审查，您的申请属于{}的情形，依据{basis}的规定，本机关不予处理。",
            row.label
        ),
        _ => format!("您的申请按“{}”办结（{basis}）。", row.label),
    }
}

fn signed(f: &LetterFacts, mut body: Vec<String>) -> Vec<String> {
    body.push(f.agency.clone());
    body.push(date_cn(f.on));
    body
}

fn letter(kind: LetterKind, f: &LetterFacts, body: Vec<String>) -> Letter {
    let mut paragraphs = vec![format!("{}：", f.addressee)];
    paragraphs.extend(body);
    Letter {
        kind,
        title: kind.title().to_string(),
        paragraphs: signed(f, paragraphs),
    }
}

/// 答复书 with its one outcome and the remedy.
pub fn answer(f: &LetterFacts, outcome: Outcome) -> Letter {
    letter(
        LetterKind::Answer,
        f,
        vec![opening(f), decision(outcome), remedy(f)],
    )
}

/// 补正告知书: what to correct and by when (条例第三十条).
pub fn correction(f: &LetterFacts, what: &str, days: u32) -> Letter {
    let body = vec![
        opening(f),
        format!(
            "经审查，您的申请内容不明确：{}。依据《中华人民共和国政府信息公开条例》第三十条的规定，请您自收到本告知书之日起{days}个工作日内补正，说明需要获取的政府信息的名称、文号或者其他特征性描述。答复期限自本机关收到补正的申请之日起计算。",
            what.trim()
        ),
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。".to_string(),
    ];
    letter(LetterKind::Correction, f, body)
}

/// 延期答复告知书 (条例第三十三条第二款).
pub fn extension(f: &LetterFacts, days: u32, due: Date) -> Letter {
    let body = vec![
        opening(f),
        format!(
            "因需要延长答复期限，经本机关政府信息公开工作机构负责人同意，依据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长{days}个工作日，至{}止。",
            date_cn(due)
        ),
    ];
    letter(LetterKind::Extension, f, body)
}

/// 第三方意见征询函 (条例第三十二条): 15 working days to give an opinion.
pub fn consultation(f: &LetterFacts) -> Letter {
    let body = vec![
        format!("本机关收到一份政府信息公开申请，申请获取：{}。该信息的公开可能损害您（单位）的合法权益。", f.request.trim()),
        "依据《中华人民共和国政府信息公开条例》第三十二条的规定，请您自收到本函之日起15个工作日内提出意见。逾期未提出意见的，由本机关依照条例的规定决定是否公开。".to_string(),
    ];
    letter(LetterKind::Consultation, f, body)
}

/// 收费通知书 (国办函〔2020〕109号): the amount, its breakdown, 20 working days to pay.
pub fn fee_notice(f: &LetterFacts, yuan: u64, breakdown: &[String]) -> Letter {
    let body = vec![
        opening(f),
        format!("依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），您应缴纳信息处理费{yuan}元。计算过程：{}。", breakdown.join("；")),
        "请自收到本通知书之日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请；缴费期间不计入答复期限。".to_string(),
        remedy(f),
    ];
    letter(LetterKind::FeeNotice, f, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> LetterFacts {
        LetterFacts {
            agency: "新乡县七里营镇人民政府".into(),
            addressee: "王小明".into(),
            code: "2025-3f9a0c1e".into(),
            received: Date::parse("2025-06-03").ok(),
            request: "七里营村道路硬化工程招标文件".into(),
            on: Date::parse("2025-06-20").unwrap(),
            reconsideration_body: "新乡县人民政府".into(),
        }
    }

    #[test]
    fn every_answer_cites_its_article_and_the_remedy_with_the_reconsideration_body() {
        for outcome in Outcome::ALL {
            let l = answer(&facts(), outcome);
            let text = l.paragraphs.join("\n");
            assert!(text.contains(outcome.basis()), "{outcome:?}: {text}");
            assert!(
                text.contains("60日内向新乡县人民政府申请行政复议"),
                "{outcome:?}"
            );
            assert!(text.contains("6个月内"), "{outcome:?}");
            assert_eq!(
                l.paragraphs.last().map(String::as_str),
                Some("2025年6月20日")
            );
        }
    }

    #[test]
    fn the_correction_notice_cites_article_30_and_says_what_happens_if_late() {
        let text = correction(&facts(), "未写明工程所在村", 15)
            .paragraphs
            .join("\n");
        assert!(
            text.contains("第三十条")
                && text.contains("15个工作日")
                && text.contains("视为放弃申请")
        );
    }
}
