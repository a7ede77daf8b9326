//! Answers that hold up before a 复议机关 (issue 17): the reason and the delivery each outcome
//! needs (条例第三十六条、第三十七条、第四十条), the released files the applicant downloads with
//! the 查询码 and 查询密码 (each download recorded), and 更正 of a mistaken ledger event.

use crate::auth::Actor;
use crate::cases::{CaseView, Upload, check_files};
use crate::views::{Attachment, FileBytes};
use crate::{App, AppError};
use gongkai_domain::clock::{AnswerText, Date, Event, MIN_REASON_CHARS, Outcome, State, Status};
use gongkai_domain::disclosure::Permission;
use gongkai_store::audit::AuditEntry;
use gongkai_store::released::ReleasedFile;

/// A released file as staff and the applicant see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    /// The file.
    pub file: Attachment,
    /// The day it was attached.
    pub added_on: Date,
    /// How often the applicant downloaded it.
    pub downloads: i64,
}

impl From<ReleasedFile> for Released {
    fn from(r: ReleasedFile) -> Released {
        Released {
            file: r.file.into(),
            added_on: r.added_on,
            downloads: r.downloads,
        }
    }
}

/// The most files released with one answer.
pub const MAX_RELEASED: usize = 10;

/// The form of provision the applicant asked for, from the application's 获取方式 line.
fn asked_form(request: &str) -> Option<&str> {
    request
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("获取方式："))
        .map(str::trim)
        .filter(|f| !f.is_empty())
}

/// The delivery stated in the answer: the clerk's words, else the form the applicant asked
/// for (条例第四十条), and always the released files with where to download them.
fn delivery(clerk: &str, files: &[Released], request: &str) -> String {
    let mut parts = Vec::new();
    match (clerk.trim(), asked_form(request)) {
        ("", Some(form)) => parts.push(format!("按您申请时要求的形式（{form}）提供")),
        ("", _) => {}
        (c, _) => parts.push(c.to_string()),
    }
    if !files.is_empty() {
        let names: Vec<&str> = files.iter().map(|f| f.file.file_name.as_str()).collect();
        parts.push(format!(
            "本机关提供的政府信息共{}个文件（{}），您可凭查询码和查询密码在本平台“申请查询”页面下载",
            files.len(),
            names.join("、")
        ));
    }
    parts.join("；")
}

impl App {
    /// Answers a case with its one outcome and the texts the outcome needs: refused with
    /// `answer-reason-missing` or `answer-delivery-missing` until they are there.
    pub async fn record_answer(
        &self,
        actor: &Actor,
        id: i64,
        answer: (Date, Outcome),
        text: &AnswerText,
    ) -> Result<Status, AppError> {
        self.record_answer_citing(actor, id, answer, text, &[])
            .await
    }

    /// [`App::record_answer`] that also tells where information already published is
    /// (条例第三十六条第（一）项): each of `published` (item ids, at most 10) by title, 索引号
    /// and address on the platform.
    pub async fn record_answer_citing(
        &self,
        actor: &Actor,
        id: i64,
        (on, outcome): (Date, Outcome),
        text: &AnswerText,
        published: &[i64],
    ) -> Result<Status, AppError> {
        let view = self.case_view(actor, id).await?;
        let event = Event::Answered { on, outcome };
        let today = self.clock.today();
        // The ledger first (pure, cheap): an answer to a closed case is a ledger error, not a
        // missing reason.
        gongkai_domain::clock::append(&view.events, event.clone(), &self.calendar(), today)?;
        let files = self.released(&view).await?;
        let pointers = self.published_pointers(published).await?;
        let typed = gongkai_domain::fields::NOTE.clean(&text.delivery)?;
        let clerk = [typed.trim(), pointers.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("；");
        let text = AnswerText {
            reason: gongkai_domain::fields::NOTE
                .clean(&text.reason)?
                .trim()
                .to_string(),
            delivery: match outcome.delivery_asked() {
                Some(_) => delivery(&clerk, &files, &view.case.request),
                None => clerk,
            },
        };
        outcome
            .check_answer(&text)
            .map_err(|e| AppError::Missing(e.to_string()))?;
        self.record_on(actor, &view, event, ("", Some(&text))).await
    }

    /// 更正: voids the event at `target` (1-based as the history numbers it) with the reason;
    /// the approver decides, and the ledger is evaluated again without it.
    pub async fn void_event(
        &self,
        actor: &Actor,
        id: i64,
        target: usize,
        reason: &str,
    ) -> Result<Status, AppError> {
        if reason.trim().chars().count() < MIN_REASON_CHARS {
            return Err(AppError::Missing(format!(
                "更正须写明原因（至少{MIN_REASON_CHARS}个字），例如“答复结果选错，应为部分公开”"
            )));
        }
        let event = Event::Voided {
            on: self.clock.today(),
            target: target.saturating_sub(1),
        };
        self.record(actor, id, event, reason, None).await
    }

    /// Where published items are, in words for the answer.
    async fn published_pointers(&self, ids: &[i64]) -> Result<String, AppError> {
        if ids.is_empty() {
            return Ok(String::new());
        }
        let dir = self.directory().await?;
        let mut found = Vec::new();
        for id in ids.iter().take(10) {
            let p = self.public_item(*id).await?;
            let code = dir.by_id(p.item.agency_id).map_or("", |a| a.code.as_str());
            let index = p.item.index_no.as_deref().unwrap_or("—");
            found.push(format!(
                "《{}》（索引号：{index}，网址：/{code}/xxgk/{id}）",
                p.item.fields.title
            ));
        }
        Ok(format!(
            "您所需的信息已主动公开，可在本平台查阅：{}",
            found.join("；")
        ))
    }

    async fn released(&self, view: &CaseView) -> Result<Vec<Released>, AppError> {
        Ok(crate::views::all(
            self.store.released_files(view.case.id).await?,
        ))
    }

    /// The files released with a case (its registrar and approver).
    pub async fn released_files(&self, actor: &Actor, id: i64) -> Result<Vec<Released>, AppError> {
        let view = self.case_view(actor, id).await?;
        self.released(&view).await
    }

    /// Attaches files to release with the answer, while the case is open.
    pub async fn release_files(
        &self,
        actor: &Actor,
        id: i64,
        files: &[Upload],
    ) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        let view = self.open_case(actor, id).await?;
        let have = self.released(&view).await?.len();
        if have + files.len() > MAX_RELEASED {
            return Err(AppError::File(format!("提供的文件最多 {MAX_RELEASED} 个")));
        }
        let cleaned: Vec<Upload> = files
            .iter()
            .map(|u| {
                Ok(Upload {
                    file_name: gongkai_domain::fields::FILE_NAME.clean(&u.file_name)?,
                    bytes: u.bytes.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        let checked = check_files(&cleaned)?;
        let mut tx = self.begin_as(actor).await?;
        for (name, media, bytes) in checked {
            tx.release_file(id, &name, media, bytes, self.clock.today())
                .await?;
            audit(
                &mut tx,
                &actor.username,
                "application.release_file",
                &view,
                &name,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes back a file attached by mistake, before the answer.
    pub async fn unrelease_file(&self, actor: &Actor, id: i64, sha: &str) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        let view = self.open_case(actor, id).await?;
        let mut tx = self.begin_as(actor).await?;
        tx.unrelease_file(id, sha).await?;
        audit(
            &mut tx,
            &actor.username,
            "application.unrelease_file",
            &view,
            sha,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn open_case(&self, actor: &Actor, id: i64) -> Result<CaseView, AppError> {
        let view = self.case_view(actor, id).await?;
        if matches!(view.status.state, State::Closed(_)) {
            return Err(AppError::NotNow(
                "该申请已办结，不能再更改提供的文件".into(),
            ));
        }
        Ok(view)
    }

    /// The files released to the applicant of a tracked case: none until it is answered with
    /// 予以公开 or 部分公开.
    pub async fn tracked_files(&self, view: &CaseView) -> Result<Vec<Released>, AppError> {
        match view.status.state {
            State::Closed(o) if o.delivery_asked().is_some() => self.released(view).await,
            _ => Ok(Vec::new()),
        }
    }

    /// The applicant downloads a released file with the 查询码 and 查询密码; each download is
    /// recorded with the client's address.
    pub async fn download_released(
        &self,
        (code, password): (&str, &str),
        sha: &str,
        client: &str,
    ) -> Result<(Attachment, FileBytes), AppError> {
        let view = self.track(code, password).await?;
        let file = self
            .tracked_files(&view)
            .await?
            .into_iter()
            .find(|f| f.file.sha256 == sha)
            .ok_or(AppError::NotFound("该文件"))?;
        let blob = self
            .store
            .blob(sha)
            .await?
            .ok_or(AppError::NotFound("该文件"))?;
        let mut tx = self.begin_scoped(Some(view.case.agency_id), client).await?;
        tx.record_release_download(view.case.id, sha, self.clock.now_ms(), client)
            .await?;
        audit(
            &mut tx,
            "applicant",
            "application.download",
            &view,
            &file.file.file_name,
        )
        .await?;
        tx.commit().await?;
        Ok((file.file, blob.into()))
    }
}

async fn audit(
    tx: &mut gongkai_store::Tx,
    actor: &str,
    action: &str,
    view: &CaseView,
    detail: &str,
) -> Result<(), AppError> {
    let entry = AuditEntry {
        actor,
        action,
        entity: "application",
        entity_id: &view.case.tracking_code,
        detail,
    };
    tx.audit(&entry).await?;
    Ok(())
}
