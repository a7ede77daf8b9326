//! Letters composed when an event is recorded (the domain fills the agency's template; the
//! store keeps the text), the templates themselves, and the letters read back for the console
//! and the applicant's tracking page. A letter to the applicant also goes into the outbox when
//! the contact details hold an e-mail address.

use crate::auth::Actor;
use crate::views::CaseView;
use crate::{App, AppError};
use gongkai_domain::clock::{AnswerText, Consulted, Date, Event};
use gongkai_domain::disclosure::Permission;
use gongkai_domain::letters::{
    Draft, Letter, LetterFacts, LetterKind, Template, answer, consultation, correction, extension,
    fee_notice, sample,
};
use gongkai_report::docx::Part;
use gongkai_store::Tx;
use gongkai_store::audit::AuditEntry;
use serde_json::{Value, json};

/// A stored letter read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentLetter {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// 文号, when the agency numbers this kind of letter.
    pub doc_no: Option<String>,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// When it was sent.
    pub sent_on: Option<Date>,
}

impl SentLetter {
    /// Whether paragraph `i` belongs to the 落款 (the agency and the date: the last two).
    pub fn is_signature(&self, i: &usize) -> bool {
        *i + 2 >= self.paragraphs.len()
    }

    /// The letter as a document: the title, the 文号 under it, the salutation flush left, the
    /// body with first-line indents, and the 落款 right-aligned with room for the seal.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts = vec![Part::Title(self.title.clone())];
        parts.extend(self.doc_no.iter().map(|n| Part::Centred(n.clone())));
        let sign_from = self.paragraphs.len().saturating_sub(2);
        let (body, sign) = self.paragraphs.split_at(sign_from);
        for (i, p) in body.iter().enumerate() {
            parts.push(match i {
                0 => Part::Flush(p.clone()),
                _ => Part::Paragraph(p.clone()),
            });
        }
        parts.push(Part::Signature(sign.to_vec()));
        parts
    }
}

/// Working days given for a 补正 (a reasonable period under 条例第三十条; agencies commonly give 15).
pub const CORRECTION_DAYS: u32 = 15;

impl App {
    /// The letter an event calls for, if any. `note` is the clerk's detail: what to correct,
    /// or the page count of a fee.
    pub(crate) async fn letter_for(
        &self,
        view: &CaseView,
        event: &Event,
        due: Option<Date>,
        note: &str,
        text: Option<&AnswerText>,
    ) -> Result<Option<Letter>, AppError> {
        let Some(draft) = self.draft_for(view, event, due, note, text).await? else {
            return Ok(None);
        };
        let template = self
            .letter_template(view.case.agency_id, draft.kind())
            .await?;
        Ok(Some(draft.compose(&template)))
    }

    async fn draft_for(
        &self,
        view: &CaseView,
        event: &Event,
        due: Option<Date>,
        note: &str,
        text: Option<&AnswerText>,
    ) -> Result<Option<Draft>, AppError> {
        let facts = self.letter_facts(view, event.on()).await?;
        Ok(match *event {
            Event::Answered { outcome, .. } => Some(answer(
                &facts,
                outcome,
                text.unwrap_or(&AnswerText::default()),
            )),
            Event::CorrectionRequested { .. } => {
                let what = if note.trim().is_empty() {
                    "未写明所需政府信息的名称、文号或者其他特征性描述"
                } else {
                    note
                };
                Some(correction(&facts, what, CORRECTION_DAYS))
            }
            Event::ExtensionApproved { days, .. } => due.map(|d| extension(&facts, days, d)),
            Event::ConsultationSent {
                with: Consulted::ThirdParty,
                ..
            } => {
                let third = LetterFacts {
                    addressee: "有关权利人".into(),
                    ..facts
                };
                Some(consultation(&third))
            }
            Event::FeeNoticeIssued { .. } => {
                let fee = crate::fees::fee_count(note)?.fee();
                Some(fee_notice(&facts, fee.total, &fee.explain()))
            }
            _ => None,
        })
    }

    /// The agency's 文号 prefix for letters of `kind` (none: unnumbered).
    pub(crate) async fn letter_prefix(
        &self,
        agency_id: i64,
        kind: LetterKind,
    ) -> Result<Option<String>, AppError> {
        let agency = self.store.agency(agency_id).await?;
        let settings = agency.map(|a| crate::settings::AgencySettings::from_json(&a.settings));
        Ok(settings.and_then(|s| s.letter_prefixes.get(kind.as_str()).cloned()))
    }

    /// The agency's name and its 复议机关 (the configured one, else the agency above).
    async fn writer(&self, agency_id: i64) -> Result<(String, String), AppError> {
        let agency = self
            .store
            .agency(agency_id)
            .await?
            .ok_or(AppError::NotFound("机关"))?;
        let settings = crate::settings::AgencySettings::from_json(&agency.settings);
        let parent = match agency.parent_id {
            Some(p) => self.store.agency(p).await?.map(|a| a.name),
            None => None,
        };
        let reconsideration_body = Some(settings.reconsideration_body.clone())
            .filter(|s| !s.trim().is_empty())
            .or(parent)
            .unwrap_or_else(|| "上一级行政机关".into());
        Ok((agency.name, reconsideration_body))
    }

    async fn letter_facts(&self, view: &CaseView, on: Date) -> Result<LetterFacts, AppError> {
        let (agency, reconsideration_body) = self.writer(view.case.agency_id).await?;
        Ok(LetterFacts {
            agency,
            addressee: view.case.applicant_name.clone(),
            code: view.case.tracking_code.clone(),
            received: view.status.clock_start,
            request: view.requested_information(),
            on,
            reconsideration_body,
        })
    }

    /// A letter of `kind` in the agency's current wording, with example values.
    pub async fn letter_preview(
        &self,
        agency_id: i64,
        kind: LetterKind,
    ) -> Result<Letter, AppError> {
        let (agency, reconsideration_body) = self.writer(agency_id).await?;
        let today = self.clock.today();
        let facts = LetterFacts {
            agency,
            addressee: "张三（示例）".into(),
            code: format!("{}-0a1b2c3d", today.year()),
            received: Some(today),
            request: "（示例）某村道路硬化工程的招标文件".into(),
            on: today,
            reconsideration_body,
        };
        let template = self.letter_template(agency_id, kind).await?;
        Ok(sample(kind, &facts).compose(&template))
    }

    /// An agency's template for a letter: its own wording, or the built-in one.
    pub async fn letter_template(
        &self,
        agency_id: i64,
        kind: LetterKind,
    ) -> Result<Template, AppError> {
        let own = self.store.letter_template(agency_id, kind.as_str()).await?;
        Ok(own
            .and_then(|text| Template::parse(kind, &text).ok())
            .unwrap_or_else(|| Template::default_for(kind)))
    }

    /// Saves the agency's wording of a letter (the 党政办, who sends the letters). An empty
    /// text goes back to the built-in wording.
    pub async fn save_letter_template(
        &self,
        actor: &Actor,
        kind: LetterKind,
        text: &str,
    ) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        let mut tx = self.begin_as(actor).await?;
        let action = if text.trim().is_empty() {
            tx.reset_letter_template(actor.agency_id, kind.as_str())
                .await?;
            "letter_template.reset"
        } else {
            let template = Template::parse(kind, text)?;
            tx.save_letter_template(
                actor.agency_id,
                kind.as_str(),
                template.text(),
                actor.user_id,
            )
            .await?;
            "letter_template.save"
        };
        let entry = AuditEntry {
            actor: &actor.username,
            action,
            entity: "letter_template",
            entity_id: kind.as_str(),
            detail: "",
        };
        tx.audit(&entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The letters of an application.
    pub async fn letters_of(&self, application_id: i64) -> Result<Vec<SentLetter>, AppError> {
        let rows = self.store.letters(application_id).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let v: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
                let paragraphs = v["paragraphs"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                SentLetter {
                    id: r.id,
                    title: v["title"].as_str().unwrap_or_default().to_string(),
                    doc_no: v["doc_no"].as_str().map(String::from),
                    paragraphs,
                    sent_on: r.sent_on,
                }
            })
            .collect())
    }
}

/// Stores a composed letter as sent on its date and, when it is addressed to the applicant and
/// the applicant gave an e-mail address, queues it for sending.
pub(crate) async fn store_letter(
    tx: &mut Tx,
    view: &CaseView,
    (letter, prefix): (&Letter, Option<&str>),
    on: Date,
    now: i64,
) -> Result<(), AppError> {
    let kind: LetterKind = letter.kind;
    let doc_no = match prefix {
        Some(prefix) if !prefix.trim().is_empty() => {
            let year = on.year();
            let n = tx
                .next_letter_number(view.case.agency_id, kind.as_str(), i64::from(year))
                .await?;
            Some(gongkai_domain::letters::doc_number(prefix, year, n))
        }
        _ => None,
    };
    let letter = &Letter {
        doc_no,
        ..letter.clone()
    };
    let body = json!({
        "title": letter.title,
        "doc_no": letter.doc_no,
        "paragraphs": letter.paragraphs,
    })
    .to_string();
    tx.insert_letter(
        view.case.id,
        kind.as_str(),
        &body,
        "sent",
        Some(&on.to_string()),
    )
    .await?;
    if kind != LetterKind::Consultation {
        crate::mail::queue_letter(tx, view, letter, now).await?;
    }
    Ok(())
}
