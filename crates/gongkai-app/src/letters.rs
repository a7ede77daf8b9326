//! Letters composed when an event is recorded (the domain writes the text; the store keeps it),
//! and read back for the console and the applicant's tracking page.

use crate::cases::CaseView;
use crate::{App, AppError};
use gongkai_domain::clock::{Consulted, Date, Event, fee_for_pages};
use gongkai_domain::letters::{
    Letter, LetterFacts, LetterKind, answer, consultation, correction, extension, fee_notice,
};
use gongkai_store::Tx;
use serde_json::{Value, json};

/// A stored letter read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentLetter {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// When it was sent.
    pub sent_on: String,
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
    ) -> Result<Option<Letter>, AppError> {
        let facts = self.letter_facts(view, event.on()).await?;
        Ok(match *event {
            Event::Answered { outcome, .. } => Some(answer(&facts, outcome)),
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
                let pages: u64 = note.trim().parse().map_err(|_| {
                    AppError::Invalid("发出收费通知时请在“说明”中填写页数（按量计收）".into())
                })?;
                let fee = fee_for_pages(pages);
                Some(fee_notice(&facts, fee.total, &fee.explain()))
            }
            _ => None,
        })
    }

    async fn letter_facts(&self, view: &CaseView, on: Date) -> Result<LetterFacts, AppError> {
        let agency = self
            .store
            .agency(view.case.agency_id)
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
        Ok(LetterFacts {
            agency: agency.name,
            addressee: view.case.applicant_name.clone(),
            code: view.case.tracking_code.clone(),
            received: view.status.clock_start,
            request: view.case.request.clone(),
            on,
            reconsideration_body,
        })
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
                    paragraphs,
                    sent_on: r.sent_on.unwrap_or_default(),
                }
            })
            .collect())
    }
}

/// Stores a composed letter as sent on its date.
pub(crate) async fn store_letter(
    tx: &mut Tx,
    application_id: i64,
    letter: &Letter,
    on: Date,
) -> Result<(), AppError> {
    let body = json!({ "title": letter.title, "paragraphs": letter.paragraphs }).to_string();
    let kind: LetterKind = letter.kind;
    tx.insert_letter(
        application_id,
        kind.as_str(),
        &body,
        "sent",
        Some(&on.to_string()),
    )
    .await?;
    Ok(())
}
