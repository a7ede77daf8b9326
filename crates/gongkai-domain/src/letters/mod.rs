//! The letters of 依申请公开 (答复书, 补正告知书, 延期告知书, 征求意见书, 收费通知书): each cites
//! its article, and every decision letter states the remedy (行政复议 within 60 days to the
//! 复议机关 under the 行政复议法 as revised in 2023, or 行政诉讼 within 6 months).

mod template;

pub use template::{Field, MAX_CHARS, Template, TemplateError};

use crate::clock::{AnswerText, Date, Outcome};
use crate::report::Format;
use std::collections::BTreeMap;

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
    /// Every letter.
    pub const ALL: [LetterKind; 5] = [
        LetterKind::Answer,
        LetterKind::Correction,
        LetterKind::Extension,
        LetterKind::Consultation,
        LetterKind::FeeNotice,
    ];

    /// Reads a stored id.
    pub fn parse(id: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.as_str() == id)
    }

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
    /// 文号 (七政依申〔2026〕3号), when the agency numbers this kind of letter.
    pub doc_no: Option<String>,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

/// A letter's 文号 from the agency's prefix, the year and the running number: 七政依申〔2026〕3号.
pub fn doc_number(prefix: &str, year: i32, n: i64) -> String {
    format!("{}〔{year}〕{n}号", prefix.trim())
}

/// Punctuation doubled where a template's own mark meets a value that ends with one
/// (“申请获取：某文件。。”), reduced to the value's mark.
pub fn tidy(text: &str) -> String {
    const MARKS: [char; 6] = ['。', '，', '；', '：', '、', '！'];
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let last = out.chars().last();
        let doubled = MARKS.contains(&c) && last.is_some_and(|l| MARKS.contains(&l));
        if !doubled {
            out.push(c);
        }
    }
    out
}

/// `2025年6月3日`.
pub fn date_cn(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{y}年{m}月{day}日")
}

/// The regulation's full name, for its first mention in a letter.
pub const REGULATION: &str = "《中华人民共和国政府信息公开条例》";

/// A basis as cited on first mention: "条例第…" becomes the regulation's full name and the
/// article (《中华人民共和国政府信息公开条例》第三十七条).
pub fn cite(basis: &str) -> String {
    basis.replacen("条例", REGULATION, 1)
}

/// What the answer says for an outcome.
fn decision(outcome: Outcome) -> String {
    let row = &Format::Current2021.application_rows()[outcome.row()];
    let basis = cite(outcome.basis());
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

/// A letter with its values, waiting for the agency's template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    kind: LetterKind,
    values: BTreeMap<Field, String>,
}

impl Draft {
    fn new(kind: LetterKind, f: &LetterFacts) -> Draft {
        let received = f.received.map_or("近日".to_string(), date_cn);
        let values = [
            (Field::Agency, f.agency.clone()),
            (Field::Addressee, f.addressee.clone()),
            (Field::Code, f.code.clone()),
            (Field::Received, received),
            (Field::Request, f.request.trim().to_string()),
            (Field::Date, date_cn(f.on)),
            (Field::Reconsideration, f.reconsideration_body.clone()),
        ];
        Draft {
            kind,
            values: values.into_iter().collect(),
        }
    }

    fn with(mut self, field: Field, value: impl Into<String>) -> Draft {
        self.values.insert(field, value.into());
        self
    }

    /// Which letter.
    pub fn kind(&self) -> LetterKind {
        self.kind
    }

    /// The letter in the agency's wording (a template of another kind gives the built-in one).
    pub fn compose(&self, template: &Template) -> Letter {
        let own;
        let template = if template.kind() == self.kind {
            template
        } else {
            own = Template::default_for(self.kind);
            &own
        };
        let value = |f: Field| self.values.get(&f).cloned().unwrap_or_default();
        Letter {
            kind: self.kind,
            title: self.kind.title().to_string(),
            doc_no: None,
            paragraphs: template.render(value).iter().map(|p| tidy(p)).collect(),
        }
    }

    /// The letter in the built-in wording.
    pub fn compose_default(&self) -> Letter {
        self.compose(&Template::default_for(self.kind))
    }
}

/// The lead-in of the reason paragraph, by the group of table 三 the outcome is in.
fn reason_lead(outcome: Outcome) -> &'static str {
    let key = outcome.row_key();
    if key.starts_with("withheld") {
        "不予公开的理由："
    } else if key.starts_with("rejected") {
        "不予处理的理由："
    } else if key.starts_with("unable") {
        "具体情况："
    } else {
        "说明："
    }
}

/// 答复书 with its one outcome, the reasons and the delivery its outcome needs (条例第三十六条、
/// 第三十七条、第四十条), and the remedy.
pub fn answer(f: &LetterFacts, outcome: Outcome, text: &AnswerText) -> Draft {
    let (reason, delivery) = (text.reason.trim(), text.delivery.trim());
    let said = |lead: &str, t: &str| {
        let end = if t.ends_with(['。', '！', '；', '）', '”']) {
            ""
        } else {
            "。"
        };
        if t.is_empty() {
            String::new()
        } else {
            format!("{lead}{t}{end}")
        }
    };
    let (separation, reason) = match outcome {
        Outcome::Partial => (said("不予公开的部分及理由：", reason), String::new()),
        _ => (String::new(), said(reason_lead(outcome), reason)),
    };
    Draft::new(LetterKind::Answer, f)
        .with(Field::Decision, decision(outcome))
        .with(Field::Basis, outcome.basis())
        .with(Field::Separation, separation)
        .with(Field::Reason, reason)
        .with(Field::Delivery, said("获取方式：", delivery))
}

/// 补正告知书: what to correct and by when (条例第三十条).
pub fn correction(f: &LetterFacts, what: &str, days: u32) -> Draft {
    Draft::new(LetterKind::Correction, f)
        .with(Field::CorrectionWhat, what.trim())
        .with(Field::CorrectionDays, days.to_string())
}

/// 延期答复告知书 (条例第三十三条第二款).
pub fn extension(f: &LetterFacts, days: u32, due: Date) -> Draft {
    Draft::new(LetterKind::Extension, f)
        .with(Field::ExtensionDays, days.to_string())
        .with(Field::ExtendedTo, date_cn(due))
}

/// 第三方意见征询函 (条例第三十二条): 15 working days to give an opinion.
pub fn consultation(f: &LetterFacts) -> Draft {
    Draft::new(LetterKind::Consultation, f)
}

/// 收费通知书 (国办函〔2020〕109号): the amount, its breakdown, 20 working days to pay.
pub fn fee_notice(f: &LetterFacts, yuan: u64, breakdown: &[String]) -> Draft {
    Draft::new(LetterKind::FeeNotice, f)
        .with(Field::Amount, yuan.to_string())
        .with(Field::Breakdown, breakdown.join("；"))
}

/// A letter of `kind` with example values, to preview a template.
pub fn sample(kind: LetterKind, f: &LetterFacts) -> Draft {
    match kind {
        LetterKind::Answer => {
            let text = AnswerText {
                reason: String::new(),
                delivery: "电子邮件发送，并可凭查询码和查询密码在本平台下载".into(),
            };
            answer(f, Outcome::Granted, &text)
        }
        LetterKind::Correction => correction(f, "未写明所需信息的年份和所在村", 15),
        LetterKind::Extension => extension(f, 20, f.on.add_days(28).unwrap_or(f.on)),
        LetterKind::Consultation => consultation(f),
        LetterKind::FeeNotice => {
            let fee = crate::clock::fee_for_pages(120);
            fee_notice(f, fee.total, &fee.explain())
        }
    }
}

/// Where a notification of a letter stands with the mail server (送达 by e-mail).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryState {
    /// 待发送.
    Queued,
    /// 已发送.
    Sent,
    /// 发送失败: given up after the last attempt.
    Failed,
}

impl DeliveryState {
    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
        }
    }

    /// The state with this stored id.
    pub fn parse(id: &str) -> Option<DeliveryState> {
        [
            DeliveryState::Queued,
            DeliveryState::Sent,
            DeliveryState::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == id)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            DeliveryState::Queued => "待发送",
            DeliveryState::Sent => "已发送",
            DeliveryState::Failed => "发送失败",
        }
    }
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

    fn text() -> AnswerText {
        AnswerText {
            reason: "申请公开的名单含有第三方身份证号，经征求意见第三方不同意公开".into(),
            delivery: "以电子邮件方式提供，并可凭查询码和查询密码在平台下载".into(),
        }
    }

    /// Issue 17: for every outcome the 答复书 states the decision with the regulation's full
    /// name and article, the reason or the withheld parts where the outcome has them, the
    /// delivery of a release, the remedy with both periods and the 复议机关, and the 落款.
    #[test]
    fn every_answer_cites_its_article_and_the_remedy_with_the_reconsideration_body() {
        for outcome in Outcome::ALL {
            let l = answer(&facts(), outcome, &text()).compose_default();
            let text_ = l.paragraphs.join("\n");
            let article = outcome.basis().trim_start_matches("条例");
            let full = format!(
                "{REGULATION}{}",
                article.split('、').next().unwrap_or(article)
            );
            assert!(text_.contains(&full), "{outcome:?}: {text_}");
            if outcome.reason_asked().is_some() {
                assert!(
                    text_.contains(&text().reason),
                    "条例第三十六、三十七条 {outcome:?}: {text_}"
                );
            }
            if outcome == Outcome::Partial {
                assert!(text_.contains("不予公开的部分及理由："), "{text_}");
            }
            if outcome.delivery_asked().is_some() {
                assert!(
                    text_.contains(&format!("获取方式：{}", text().delivery)),
                    "{text_}"
                );
            }
            assert!(
                text_.contains("60日内向新乡县人民政府申请行政复议"),
                "{outcome:?}"
            );
            assert!(text_.contains("6个月内"), "{outcome:?}");
            let n = l.paragraphs.len();
            assert_eq!(l.paragraphs[n - 2], "新乡县七里营镇人民政府", "落款");
            assert_eq!(l.paragraphs[n - 1], "2025年6月20日");
            assert!(!l.paragraphs.iter().any(|p| p.trim().is_empty()));
        }
    }

    /// Issue 17: every refusal, partial release, 无法提供 and 不予处理 asks for its reason in
    /// words before it can be recorded; a release asks how it is delivered.
    #[test]
    fn an_answer_that_withholds_needs_its_reason() {
        for outcome in Outcome::ALL {
            let refused = outcome.check_reason("x");
            match outcome.reason_asked() {
                Some(_) => {
                    let e = refused.unwrap_err();
                    assert_eq!(e.code(), "answer-reason-missing");
                    assert!(e.to_string().contains("请在“说明”中填写"), "{e}");
                    assert!(outcome.check_reason("涉及第三方个人隐私").is_ok());
                }
                None => assert!(refused.is_ok(), "{outcome:?}"),
            }
        }
        assert!(
            Outcome::Partial
                .reason_asked()
                .unwrap_or_default()
                .contains("第三十七条")
        );
        let no_delivery = AnswerText {
            delivery: String::new(),
            ..text()
        };
        let e = Outcome::Granted.check_answer(&no_delivery).unwrap_err();
        assert_eq!(e.code(), "answer-delivery-missing");
        assert!(e.to_string().contains("“获取方式”"), "{e}");
        assert!(Outcome::Granted.check_answer(&text()).is_ok());
        assert!(Outcome::UnableNotHeld.check_answer(&no_delivery).is_ok());
    }

    /// Issue 17: a request that ends with its own full stop does not give “。。” in the
    /// letter, and the 文号 has the official form.
    #[test]
    fn no_doubled_punctuation_and_the_doc_number_form() {
        let f = LetterFacts {
            request: "七里营村道路硬化工程招标文件。".into(),
            ..facts()
        };
        let text = answer(&f, Outcome::Granted, &text())
            .compose_default()
            .paragraphs
            .join("");
        assert!(text.contains("招标文件。"), "{text}");
        assert!(!text.contains("。。") && !text.contains("。，"), "{text}");
        assert_eq!(tidy("甲：：乙，。"), "甲：乙，");
        assert_eq!(doc_number("七政依申", 2026, 3), "七政依申〔2026〕3号");
    }

    #[test]
    fn the_correction_notice_cites_article_30_and_says_what_happens_if_late() {
        let text = correction(&facts(), "未写明工程所在村", 15)
            .compose_default()
            .paragraphs
            .join("\n");
        assert!(
            text.contains("第三十条")
                && text.contains("15个工作日")
                && text.contains("视为放弃申请")
        );
    }

    #[test]
    fn an_agencys_own_template_words_the_letter_and_the_law_still_fills_in() {
        let own = "{{收件人}}同志：\n关于您申请的“{{申请内容}}”：{{答复决定}}{{区分处理说明}}{{不予公开理由}}\n{{获取方式}}\n不服的，可向{{复议机关}}申请复议。\n{{机关}}（印）";
        let t = Template::parse(LetterKind::Answer, own).unwrap();
        let l = answer(&facts(), Outcome::Granted, &text()).compose(&t);
        assert_eq!(l.title, "政府信息公开申请答复书");
        assert_eq!(l.paragraphs[0], "王小明同志：");
        assert!(l.paragraphs[1].starts_with("关于您申请的“七里营村道路硬化工程招标文件”：经审查"));
        assert!(l.paragraphs[1].contains(&cite(Outcome::Granted.basis())));
        assert!(l.paragraphs[2].starts_with("获取方式："));
        assert_eq!(l.paragraphs[4], "新乡县七里营镇人民政府（印）");
    }
}
