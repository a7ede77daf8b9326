//! 依申请公开 use cases: online applications and staff registration (with 查询码 and a 查询密码
//! of which only the hash is kept), the statutory clock's events, the work list, the public
//! tracking page. The ledger decides; the store keeps the events.

use crate::auth::{Actor, hash_password, random_token};
use crate::ledger_codec::decode_all;
use crate::letters::store_letter;
pub use crate::views::CaseView;
use crate::views::{self, Attachment, FileBytes};
use crate::{App, AppError};
use argon2::{Argon2, PasswordVerifier};
use gongkai_domain::clock::{
    ApplicantType, Channel, Date, Event, EventKind, State, Status, append, evaluate,
};
use gongkai_domain::disclosure::Permission;
use gongkai_store::Tx;
use gongkai_store::applications::{CaseRow, EventRow, NewApplication};
use gongkai_store::audit::AuditEntry;

/// What an applicant fills in (条例第二十九条).
#[derive(Debug, Clone, Default)]
pub struct ApplicationInput {
    /// A column of table 三.
    pub applicant_type: Option<ApplicantType>,
    /// 姓名 or 名称.
    pub name: String,
    /// The identity document (a natural person).
    pub id_kind: Option<gongkai_domain::applicant::IdKind>,
    /// 身份证号 or 统一社会信用代码.
    pub id_no: String,
    /// 法定代表人 (an organisation).
    pub legal_rep: String,
    /// 联系人 (an organisation).
    pub liaison: String,
    /// Phone or e-mail.
    pub contact: String,
    /// Postal address.
    pub address: String,
    /// The information sought: name, 文号 or a description.
    pub request: String,
    /// The form and route of provision (纸质、电子邮件、自行领取 …).
    pub provision: String,
    /// Files sent with the application (a copy of the ID, a description, a scanned form).
    pub files: Vec<Upload>,
}

/// What an applicant sends as 补正 (条例第三十条).
#[derive(Debug, Clone, Default)]
pub struct CorrectionInput {
    /// The corrected description of the information sought.
    pub text: String,
    /// New contact details (empty: unchanged).
    pub contact: String,
    /// Files sent with the correction.
    pub files: Vec<Upload>,
}

/// A file sent with an application.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The name it had on the applicant's computer.
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The most files one application may carry.
pub const MAX_FILES: usize = 5;

/// A checked file: clean name, media type from the content, bytes.
pub(crate) type CheckedFile<'a> = (String, &'static str, &'a [u8]);

/// The checked files of an application.
pub(crate) fn check_files(files: &[Upload]) -> Result<Vec<CheckedFile<'_>>, AppError> {
    if files.len() > MAX_FILES {
        return Err(AppError::File(format!("附件最多 {MAX_FILES} 个")));
    }
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    if total > crate::files::MAX_BYTES {
        return Err(AppError::File(format!(
            "附件合计超过 {} MB 上限",
            crate::files::MAX_BYTES / 1024 / 1024
        )));
    }
    files
        .iter()
        .map(|f| {
            let name = crate::files::clean_file_name(&f.file_name);
            let media = crate::files::check_upload(&name, &f.bytes)?;
            Ok((name, media, f.bytes.as_slice()))
        })
        .collect()
}

/// What the applicant takes away: the 查询码 and the 查询密码 (shown once).
#[derive(Debug, Clone)]
pub struct Receipt {
    /// Application id.
    pub id: i64,
    /// 查询码.
    pub code: String,
    /// 查询密码.
    pub password: String,
    /// How it came in (条例第三十一条 fixes the date of receipt by it).
    pub channel: Channel,
    /// The day it was handed in or arrived.
    pub on: Date,
    /// The answer's due date, when the date of receipt is already fixed (not for channels
    /// that wait for a confirmation).
    pub due: Option<Date>,
}

/// The stored id of a ledger state.
pub fn state_id(state: State) -> &'static str {
    match state {
        State::AwaitingConfirmation => "awaiting_confirmation",
        State::InProgress => "in_progress",
        State::AwaitingCorrection => "awaiting_correction",
        State::Consulting => "consulting",
        State::AwaitingFee => "awaiting_fee",
        State::Closed(_) => "closed",
    }
}

/// The Chinese name of a ledger state.
pub fn state_label(state: State) -> &'static str {
    match state {
        State::AwaitingConfirmation => "待确认收到",
        State::InProgress => "办理中",
        State::AwaitingCorrection => "待申请人补正",
        State::Consulting => "征求意见中（暂停计时）",
        State::AwaitingFee => "待缴费（暂停计时）",
        State::Closed(_) => "已办结",
    }
}

impl ApplicationInput {
    /// The input as it will be kept: every field within its limit, without direction
    /// controls (issue 13); file names cleaned too.
    pub fn cleaned(&self) -> Result<ApplicationInput, AppError> {
        use gongkai_domain::fields as f;
        let files = self
            .files
            .iter()
            .map(|u| {
                Ok(Upload {
                    file_name: f::FILE_NAME.clean(&u.file_name)?,
                    bytes: u.bytes.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(ApplicationInput {
            applicant_type: self.applicant_type,
            name: f::APPLICANT_NAME.clean(&self.name)?,
            id_kind: self.id_kind,
            id_no: f::ID_NO.clean(&self.id_no)?,
            legal_rep: f::LEGAL_REP.clean(&self.legal_rep)?,
            liaison: f::LIAISON.clean(&self.liaison)?,
            contact: f::CONTACT.clean(&self.contact)?,
            address: f::ADDRESS.clean(&self.address)?,
            request: f::REQUEST.clean(&self.request)?,
            provision: f::PROVISION.clean(&self.provision)?,
            files,
        })
    }
}

/// The application as 条例第二十九条 requires it, every problem at once.
fn check_input(i: &ApplicationInput) -> Result<ApplicantType, AppError> {
    let form = gongkai_domain::applicant::Applicant {
        applicant_type: i.applicant_type,
        name: &i.name,
        id_kind: i.id_kind,
        id_no: &i.id_no,
        contact: &i.contact,
        legal_rep: &i.legal_rep,
        liaison: &i.liaison,
        request: &i.request,
    };
    let errors = gongkai_domain::applicant::validate(&form);
    match i.applicant_type {
        Some(t) if errors.is_empty() => Ok(t),
        _ => Err(AppError::Fields(errors)),
    }
}

/// A 查询码: the year and 8 random hex digits, e.g. `2025-3f9a0c1e`.
fn tracking_code(today: Date) -> Result<String, AppError> {
    Ok(format!("{}-{}", today.year(), &random_token()?[..8]))
}

impl App {
    /// An online application (条例第三十一条第（三）项: received once both sides confirm).
    pub async fn apply_online(
        &self,
        agency_id: i64,
        i: &ApplicationInput,
    ) -> Result<Receipt, AppError> {
        let today = self.clock.today();
        self.register(agency_id, i, Channel::Online, today, None)
            .await
    }

    /// Staff register an application that came in person, by mail or by fax, on `received_on`.
    pub async fn register_case(
        &self,
        actor: &Actor,
        i: &ApplicationInput,
        channel: Channel,
        received_on: Date,
    ) -> Result<Receipt, AppError> {
        actor.require(Permission::Register)?;
        if received_on > self.clock.today() {
            return Err(AppError::Invalid("收到日期不能晚于今天".into()));
        }
        self.register(actor.agency_id, i, channel, received_on, Some(actor))
            .await
    }

    async fn register(
        &self,
        agency_id: i64,
        i: &ApplicationInput,
        channel: Channel,
        on: Date,
        by: Option<&Actor>,
    ) -> Result<Receipt, AppError> {
        let i = &i.cleaned()?;
        let applicant = check_input(i)?;
        let files = check_files(&i.files)?;
        let (code, password) = (tracking_code(on)?, random_token()?[..10].to_string());
        let hash = hash_password(&password).await?;
        let request = if i.provision.trim().is_empty() {
            i.request.trim().to_string()
        } else {
            format!("{}\n获取方式：{}", i.request.trim(), i.provision.trim())
        };
        let on_text = on.to_string();
        let new = NewApplication {
            agency_id,
            tracking_code: &code,
            tracking_secret_hash: &hash,
            channel: channel.as_str(),
            applicant_type: applicant.as_str(),
            applicant_name: i.name.trim(),
            applicant_id_no: i.id_no.trim(),
            applicant_contact: i.contact.trim(),
            applicant_address: i.address.trim(),
            applicant_id_kind: match applicant {
                ApplicantType::NaturalPerson => i
                    .id_kind
                    .unwrap_or(gongkai_domain::applicant::IdKind::ResidentId)
                    .as_str(),
                _ => "",
            },
            applicant_legal_rep: i.legal_rep.trim(),
            applicant_liaison: i.liaison.trim(),
            request: &request,
            received_on: &on_text,
        };
        let client = by.map_or("", |a| a.client.as_str());
        let mut tx = self.begin_scoped(Some(agency_id), client).await?;
        let id = tx
            .insert_application(&new, by.map_or("applicant", |a| a.username.as_str()))
            .await?;
        let state = if channel.needs_confirmation() {
            State::AwaitingConfirmation
        } else {
            State::InProgress
        };
        tx.set_application_state(id, state_id(state), None).await?;
        for (name, media, bytes) in files {
            tx.attach_to_application(id, &name, media, bytes).await?;
        }
        tx.commit().await?;
        let due = (!channel.needs_confirmation()).then(|| {
            let days = gongkai_domain::clock::ANSWER_DAYS;
            self.calendar().add_working_days(on, days).date
        });
        Ok(Receipt {
            id,
            code,
            password,
            channel,
            on,
            due,
        })
    }

    /// The case of the actor's agency, for its registrar and approver.
    pub async fn case_view(&self, actor: &Actor, id: i64) -> Result<CaseView, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        match self.store.case(id).await? {
            Some(case) if case.agency_id == actor.agency_id => self.evaluate_case(case).await,
            _ => Err(AppError::NotFound("该申请")),
        }
    }

    /// [`App::case_view`] with the name of the staff member beside each step (the case
    /// page's history), each user looked up once.
    pub async fn case_view_named(&self, actor: &Actor, id: i64) -> Result<CaseView, AppError> {
        let mut view = self.case_view(actor, id).await?;
        let mut names: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        for note in &mut view.notes {
            let Some(user) = note.user_id else { continue };
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(user) {
                let name = self.store.user(user).await?.map(|u| u.display_name);
                slot.insert(name.unwrap_or_default());
            }
            note.by = names.get(&user).cloned().unwrap_or_default();
        }
        Ok(view)
    }

    /// The files sent with a case (for its registrar and approver).
    pub async fn case_files(&self, actor: &Actor, id: i64) -> Result<Vec<Attachment>, AppError> {
        let view = self.case_view(actor, id).await?;
        self.files_of(&view).await
    }

    /// The files of a case already loaded for its registrar or approver.
    pub async fn files_of(&self, view: &CaseView) -> Result<Vec<Attachment>, AppError> {
        Ok(views::all(
            self.store.application_attachments(view.case.id).await?,
        ))
    }

    /// One file of a case: its name and content.
    pub async fn case_file(
        &self,
        actor: &Actor,
        id: i64,
        sha: &str,
    ) -> Result<(Attachment, FileBytes), AppError> {
        let file = self
            .case_files(actor, id)
            .await?
            .into_iter()
            .find(|f| f.sha256 == sha)
            .ok_or(AppError::NotFound("附件"))?;
        let blob = self
            .store
            .blob(sha)
            .await?
            .ok_or(AppError::NotFound("附件"))?;
        Ok((file, blob.into()))
    }

    pub(crate) async fn evaluate_case(&self, case: CaseRow) -> Result<CaseView, AppError> {
        let rows = self.store.case_events(case.id).await?;
        self.evaluate_rows(case, &rows)
    }

    /// A case evaluated from its stored ledger.
    pub(crate) fn evaluate_rows(
        &self,
        case: CaseRow,
        rows: &[EventRow],
    ) -> Result<CaseView, AppError> {
        let events = decode_all(case.id, rows, case.channel)?;
        let status = evaluate(&events, &self.calendar(), self.clock.today())?;
        let notes = rows
            .iter()
            .map(|r| views::EventNote {
                text: crate::ledger_codec::note_of(r),
                request: crate::ledger_codec::corrected_request_of(r),
                by: String::new(),
                user_id: r.user_id,
            })
            .collect();
        let answer = match status.state {
            State::Closed(_) => gongkai_domain::clock::standing(&events)
                .unwrap_or_default()
                .into_iter()
                .rev()
                .find(|(_, e)| e.kind() == EventKind::Answered)
                .and_then(|(i, _)| rows.get(i))
                .map(crate::ledger_codec::answer_text_of),
            _ => None,
        };
        Ok(CaseView {
            case: case.into(),
            events,
            notes,
            status,
            answer,
        })
    }

    /// The agency's open cases, fewest working days left first, then the closed ones.
    pub async fn work_list(&self, actor: &Actor) -> Result<Vec<CaseView>, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        let mut ledgers = self.store.agency_case_events(actor.agency_id).await?;
        let mut out = Vec::new();
        for case in self.store.agency_cases(actor.agency_id).await? {
            let rows = ledgers.remove(&case.id).unwrap_or_default();
            out.push(self.evaluate_rows(case, &rows)?);
        }
        out.sort_by_key(|v| (matches!(v.status.state, State::Closed(_)), v.status.left));
        Ok(out)
    }

    /// Records what happened. The ledger must accept the new sequence of events; an extension
    /// needs the approver (条例第三十三条第二款).
    /// `note` is the clerk's detail for the letter the event calls for (what to correct; the
    /// count of a fee: `120页` or `15件`); for an answer it is the reason, and the delivery is
    /// taken from the released files or the form the applicant asked for
    /// (see [`App::record_answer`]).
    pub async fn record_event(
        &self,
        actor: &Actor,
        id: i64,
        event: Event,
        note: &str,
    ) -> Result<Status, AppError> {
        if let Event::Answered { on, outcome } = event {
            let text = gongkai_domain::clock::AnswerText {
                reason: note.to_string(),
                delivery: String::new(),
            };
            return self.record_answer(actor, id, (on, outcome), &text).await;
        }
        if matches!(event, Event::Transferred { .. } | Event::Voided { .. }) {
            return Err(AppError::Invalid(
                "转送请使用“转送其他机关”，更正请使用“更正误记事项”".into(),
            ));
        }
        self.record(actor, id, event, note, None).await
    }

    /// Appends an event the ledger accepts, with its letter, fee and audit, in one transaction.
    pub(crate) async fn record(
        &self,
        actor: &Actor,
        id: i64,
        event: Event,
        note: &str,
        answer: Option<&gongkai_domain::clock::AnswerText>,
    ) -> Result<Status, AppError> {
        let view = self.case_view(actor, id).await?;
        self.record_on(actor, &view, event, (note, answer)).await
    }

    /// [`App::record`] on a case already loaded for `actor`.
    pub(crate) async fn record_on(
        &self,
        actor: &Actor,
        view: &CaseView,
        event: Event,
        (note, answer): (&str, Option<&gongkai_domain::clock::AnswerText>),
    ) -> Result<Status, AppError> {
        let id = view.case.id;
        let needed = if matches!(
            event,
            Event::ExtensionApproved { .. } | Event::Voided { .. }
        ) {
            Permission::Approve
        } else {
            Permission::Register
        };
        actor.require(needed)?;
        let note = &gongkai_domain::fields::NOTE.clean(note)?;
        let status = append(
            &view.events,
            event.clone(),
            &self.calendar(),
            self.clock.today(),
        )?;
        let letter = self
            .letter_for(view, &event, status.due, note, answer)
            .await?;
        let (kind, on, payload) = crate::ledger_codec::encode_with(&event, note, answer);
        let outcome = match status.state {
            State::Closed(o) => Some(o.row_key()),
            _ => None,
        };
        let prefix = match &letter {
            Some(l) => self.letter_prefix(view.case.agency_id, l.kind).await?,
            None => None,
        };
        let mut tx = self.begin_as(actor).await?;
        audit_case(
            &mut tx,
            &actor.username,
            kind.key(),
            &view.case.tracking_code,
        )
        .await?;
        tx.append_event(id, kind, on, &payload, Some(actor.user_id))
            .await?;
        tx.set_application_state(id, state_id(status.state), outcome)
            .await?;
        if let Some(letter) = &letter {
            let letter = (letter, prefix.as_deref());
            store_letter(&mut tx, view, letter, on, self.clock.now_ms()).await?;
        }
        crate::fees::record_fee(&mut tx, id, &event, note).await?;
        tx.commit().await?;
        Ok(status)
    }

    /// The applicant sends the corrected application from the tracking page (条例第三十条):
    /// the clock restarts today. The text becomes the request the 答复书 names; files go with
    /// the case; new contact details replace the old (the audit keeps the old).
    pub async fn applicant_correction(
        &self,
        (code, password): (&str, &str),
        c: &CorrectionInput,
    ) -> Result<CaseView, AppError> {
        let text = gongkai_domain::fields::CORRECTION.clean(&c.text)?;
        let contact = gongkai_domain::fields::CONTACT.clean(&c.contact)?;
        if text.trim().is_empty() {
            return Err(AppError::Missing("请填写补正的内容".into()));
        }
        let files = c.files.iter().map(|u| {
            Ok(Upload {
                file_name: gongkai_domain::fields::FILE_NAME.clean(&u.file_name)?,
                bytes: u.bytes.clone(),
            })
        });
        let files = files.collect::<Result<Vec<_>, AppError>>()?;
        let checked = check_files(&files)?;
        let view = self.track(code, password).await?;
        let today = self.clock.today();
        let mut events = view.events.clone();
        events.push(Event::CorrectionReceived { on: today });
        let status = evaluate(&events, &self.calendar(), today)
            .map_err(|_| AppError::NotNow("该申请当前不需要补正".into()))?;
        let names: Vec<&str> = checked.iter().map(|(n, _, _)| n.as_str()).collect();
        let mut note = text.trim().to_string();
        if !names.is_empty() {
            note.push_str(&format!("（附补正材料：{}）", names.join("、")));
        }
        let contact = contact.trim();
        if !contact.is_empty() {
            note.push_str("（联系方式已更新）");
        }
        let payload = serde_json::json!({ "text": note, "request": text.trim() }).to_string();
        let mut tx = self.begin_scoped(Some(view.case.agency_id), "").await?;
        audit_case(
            &mut tx,
            "applicant",
            EventKind::CorrectionReceived.key(),
            &view.case.tracking_code,
        )
        .await?;
        tx.append_event(
            view.case.id,
            EventKind::CorrectionReceived,
            today,
            &payload,
            None,
        )
        .await?;
        tx.set_application_state(view.case.id, state_id(status.state), None)
            .await?;
        for (name, media, bytes) in checked {
            tx.attach_to_application(view.case.id, &name, media, bytes)
                .await?;
        }
        if !contact.is_empty() {
            let entry = AuditEntry {
                actor: "applicant",
                action: "application.contact_changed",
                entity: "application",
                entity_id: &view.case.tracking_code,
                detail: &view.case.applicant_contact,
            };
            tx.audit(&entry).await?;
            tx.set_applicant_contact(view.case.id, contact).await?;
        }
        tx.commit().await?;
        self.track(code, password).await
    }

    /// The public tracking page: the case if the 查询密码 matches (the same answer for a wrong
    /// code and a wrong password).
    pub async fn track(&self, code: &str, password: &str) -> Result<CaseView, AppError> {
        let case = self.store.case_by_tracking_code(code.trim()).await?;
        let hash = case
            .as_ref()
            .map_or(crate::auth::DUMMY_HASH.to_string(), |c| {
                c.tracking_secret_hash.clone()
            });
        let password = password.trim().to_string();
        let ok = tokio::task::spawn_blocking(move || {
            Argon2::default()
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok()
        })
        .await
        .unwrap_or(false);
        match case {
            Some(case) if ok => self.evaluate_case(case).await,
            _ => Err(AppError::NotFound("该申请（请核对查询码和查询密码）")),
        }
    }
}

async fn audit_case(tx: &mut Tx, actor: &str, kind: &str, code: &str) -> Result<(), AppError> {
    let action = format!("application.{kind}");
    let entry = AuditEntry {
        actor,
        action: &action,
        entity: "application",
        entity_id: code,
        detail: "",
    };
    tx.audit(&entry).await?;
    Ok(())
}

/// 身份证号 masked for lists: the first 3 and last 4 characters (110***********1234).
pub fn mask_id(id_no: &str) -> String {
    let chars: Vec<char> = id_no.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let middle = "*".repeat(chars.len() - 7);
    format!(
        "{}{middle}{}",
        chars[..3].iter().collect::<String>(),
        chars[chars.len() - 4..].iter().collect::<String>()
    )
}

/// A name masked for lists: the first character, the rest starred (张**).
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or(String::new(), |first| {
        format!("{first}{}", "*".repeat(chars.count()))
    })
}
