//! 主动公开 use cases: drafting, the review workflow, 保密审查 flags, attachments, and what
//! the console shows of an item.

use crate::auth::Actor;
use crate::views::{self, Attachment, FileBytes, FlagAccepted, Item, Review};
use crate::{App, AppError, files};
use gongkai_domain::disclosure::ItemFields;
use gongkai_domain::disclosure::{
    Action, Flag, ItemState, Permission, Timeliness, scan, timeliness,
};
use gongkai_store::Tx;
use gongkai_store::audit::AuditEntry;
use gongkai_store::items::ItemRow;

/// A 保密审查 flag and, if given, the reviewer's acceptance.
#[derive(Debug, Clone)]
pub struct FlagView {
    /// The flag.
    pub flag: Flag,
    /// Accepted with a reason, by whom and when.
    pub accepted: Option<FlagAccepted>,
}

/// Everything the console shows of an item.
#[derive(Debug, Clone)]
pub struct ItemView {
    /// The working version.
    pub item: Item,
    /// Its state.
    pub state: ItemState,
    /// 保密审查 flags of the working version.
    pub flags: Vec<FlagView>,
    /// Review record (一事一审), oldest first.
    pub reviews: Vec<Review>,
    /// Attachments of the working version.
    pub attachments: Vec<Attachment>,
    /// 条例第二十六条: due date and lateness, once a 成文日期 is set.
    pub timeliness: Option<Timeliness>,
}

impl ItemView {
    /// Flags neither fixed nor accepted.
    pub fn open_flags(&self) -> usize {
        self.flags.iter().filter(|f| f.accepted.is_none()).count()
    }
}

/// The text scanned by 保密审查: every field the public would read.
pub fn scanned_text(f: &ItemFields) -> String {
    [&f.title, &f.summary, &f.body, &f.doc_no, &f.keywords]
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a drafter entered as it will be kept: every field within its limit, without
/// direction controls (issue 13: U+202E reached public titles).
pub fn clean_fields(f: &ItemFields) -> Result<ItemFields, AppError> {
    use gongkai_domain::fields as l;
    Ok(ItemFields {
        title: l::TITLE.clean(&f.title)?,
        summary: l::SUMMARY.clean(&f.summary)?,
        body: l::BODY.clean(&f.body)?,
        publisher: l::PUBLISHER.clean(&f.publisher)?,
        topic: l::TOPIC.clean(&f.topic)?,
        doc_no: l::DOC_NO.clean(&f.doc_no)?,
        keywords: l::KEYWORDS.clean(&f.keywords)?,
        ..f.clone()
    })
}

/// Checks what a drafter entered.
pub fn check_fields(f: &ItemFields) -> Result<(), AppError> {
    if f.title.trim().is_empty() {
        return Err(AppError::Missing("请填写标题".into()));
    }
    if f.title.chars().count() > 200 {
        return Err(AppError::Invalid("标题不超过 200 字".into()));
    }
    if let Some(n) = f.article20_item
        && !(1..=15).contains(&n)
    {
        return Err(AppError::Invalid("第二十条事项应为 1–15".into()));
    }
    Ok(())
}

/// What an item needs before it can be submitted.
fn check_submittable(item: &Item) -> Result<(), AppError> {
    let missing: Vec<&str> = [
        (item.fields.title.trim().is_empty(), "标题"),
        (item.fields.publisher.trim().is_empty(), "发布机构"),
        (item.fields.written_on.is_none(), "成文日期"),
        (
            item.fields.summary.trim().is_empty() && item.fields.body.trim().is_empty(),
            "内容概述或正文",
        ),
    ]
    .into_iter()
    .filter_map(|(missing, name)| missing.then_some(name))
    .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::Missing(format!(
            "提交前请填写：{}",
            missing.join("、")
        )))
    }
}

impl App {
    /// Creates a draft in the drafter's agency.
    pub async fn create_item(&self, actor: &Actor, f: &ItemFields) -> Result<i64, AppError> {
        actor.require(Permission::Draft)?;
        let f = &clean_fields(f)?;
        check_fields(f)?;
        self.check_domain(actor.agency_id, f).await?;
        self.check_topic(actor.agency_id, f, None).await?;
        let mut tx = self.begin_as(actor).await?;
        let id = tx.insert_item(actor.agency_id, actor.user_id, f).await?;
        audit(&mut tx, actor, "item.create", id, &f.title).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a draft.
    pub async fn edit_item(&self, actor: &Actor, id: i64, f: &ItemFields) -> Result<(), AppError> {
        actor.require(Permission::Draft)?;
        let f = &clean_fields(f)?;
        check_fields(f)?;
        self.check_domain(actor.agency_id, f).await?;
        let item = self.own_item(actor, id).await?;
        self.check_topic(actor.agency_id, f, Some(&item.fields.topic))
            .await?;
        if item.state != ItemState::Draft {
            return Err(AppError::NotNow(
                "只有草稿可以修改；已提交的信息请由审核人退回后再改".into(),
            ));
        }
        let mut tx = self.begin_as(actor).await?;
        tx.update_fields(id, item.current_version, f).await?;
        audit(&mut tx, actor, "item.edit", id, &f.title).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The 标准目录 domain must be one of the agency's list.
    async fn check_domain(&self, agency_id: i64, f: &ItemFields) -> Result<(), AppError> {
        let Some(domain) = &f.domain else {
            return Ok(());
        };
        if self
            .settings(agency_id)
            .await?
            .domain_list()
            .contains(domain)
        {
            Ok(())
        } else {
            Err(AppError::Invalid(format!(
                "“{domain}”不在本机关的标准目录领域清单中（清单可由系统管理员在机关设置中调整）"
            )))
        }
    }

    /// The 主题分类 must be one of the agency's list (or empty, or the one the draft already
    /// has, so that an older draft can still be edited).
    async fn check_topic(
        &self,
        agency_id: i64,
        f: &ItemFields,
        kept: Option<&str>,
    ) -> Result<(), AppError> {
        let topic = f.topic.as_str();
        if topic.is_empty() || kept == Some(topic) {
            return Ok(());
        }
        let listed = self.settings(agency_id).await?.topic_list();
        if listed.iter().any(|t| t == topic) {
            return Ok(());
        }
        Err(AppError::Invalid(format!(
            "主题分类“{topic}”不在本机关的主题分类清单中，请从清单中选择（清单可由系统管理员在机关设置中调整）"
        )))
    }

    /// An item of the actor's agency (working version).
    async fn own_item(&self, actor: &Actor, id: i64) -> Result<ItemRow, AppError> {
        match self.store.item(id).await? {
            Some(item) if item.agency_id == actor.agency_id => Ok(item),
            _ => Err(AppError::NotFound("该信息")),
        }
    }

    /// The console's view of an item.
    pub async fn item_view(&self, actor: &Actor, id: i64) -> Result<ItemView, AppError> {
        actor.require(Permission::ReadItems)?;
        let item = self.own_item(actor, id).await?;
        self.view_of(item).await
    }

    /// An attachment of an item of the actor's agency (any version's): the file name, media
    /// type and bytes.
    pub async fn item_attachment(
        &self,
        actor: &Actor,
        id: i64,
        sha: &str,
    ) -> Result<(String, FileBytes), AppError> {
        let view = self.item_view(actor, id).await?;
        self.attachment_among(&view.attachments, sha).await
    }

    async fn view_of(&self, item: ItemRow) -> Result<ItemView, AppError> {
        let accepted = self
            .store
            .flag_acceptances(item.id, item.current_version)
            .await?;
        let flags = scan(&scanned_text(&item.fields))
            .into_iter()
            .map(|flag| {
                let key = flag.key();
                let accepted = accepted
                    .iter()
                    .find(|a| a.flag == key)
                    .cloned()
                    .map(FlagAccepted::from);
                FlagView { flag, accepted }
            })
            .collect();
        let today = self.clock.today();
        let timeliness = item
            .fields
            .written_on
            .map(|w| timeliness(w, item.published_on, today, &self.calendar()));
        Ok(ItemView {
            state: item.state,
            flags,
            reviews: views::all(self.store.reviews(item.id).await?),
            attachments: views::all(
                self.store
                    .attachments_of(item.id, item.current_version)
                    .await?,
            ),
            timeliness,
            item: item.into(),
        })
    }

    /// The agency's items, optionally in one state, most recently changed first.
    pub async fn console_items(
        &self,
        actor: &Actor,
        state: Option<ItemState>,
    ) -> Result<Vec<Item>, AppError> {
        actor.require(Permission::ReadItems)?;
        let state = state.map(ItemState::as_str);
        Ok(views::all(
            self.store.agency_items(actor.agency_id, state).await?,
        ))
    }

    /// Takes a workflow step. The domain decides; the step, its audit row, the review record
    /// and the change for the search index commit together.
    pub async fn act(
        &self,
        actor: &Actor,
        id: i64,
        action: &Action,
    ) -> Result<ItemState, AppError> {
        let view = self.item_view_for_action(actor, id).await?;
        let next = view.state.apply(action, &actor.roles, view.open_flags())?;
        if matches!(action, Action::Submit) {
            check_submittable(&view.item)?;
        }
        let today = self.clock.today().to_string();
        let item = &view.item;
        let mut tx = self.begin_as(actor).await?;
        audit(
            &mut tx,
            actor,
            &format!("item.{}", action.code()),
            id,
            &comment(action),
        )
        .await?;
        tx.set_item_state(id, view.state.as_str(), next.as_str())
            .await?;
        self.apply_effects(&mut tx, actor, item, action, &today)
            .await?;
        let version = if matches!(action, Action::Revise) {
            item.current_version + 1
        } else {
            item.current_version
        };
        tx.add_review(
            id,
            version,
            action.code(),
            action.label(),
            &comment(action),
            actor.user_id,
        )
        .await?;
        tx.record_change("item", &id.to_string()).await?;
        tx.commit().await?;
        Ok(next)
    }

    async fn item_view_for_action(&self, actor: &Actor, id: i64) -> Result<ItemView, AppError> {
        let item = self.own_item(actor, id).await?;
        self.view_of(item).await
    }

    async fn apply_effects(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        item: &Item,
        action: &Action,
        today: &str,
    ) -> Result<(), AppError> {
        match action {
            Action::Register if item.index_no.is_none() => {
                let year = self.clock.today().year();
                let no = tx.allocate_index_no(item.agency_id, year).await?;
                tx.set_index_no(item.id, &no.to_string()).await?;
            }
            Action::Approve => {
                tx.set_published(item.id, Some(item.current_version), today)
                    .await?
            }
            Action::Withdraw { .. } => tx.set_published(item.id, None, today).await?,
            Action::Abolish { on } => {
                let version = item.published_version.unwrap_or(item.current_version);
                tx.set_validity(item.id, version, "abolished", &on.to_string())
                    .await?;
            }
            // 修订, and 退回修改 (issue 20): the drafter works on a new version, and the one
            // reviewed stays as it was reviewed, with its record.
            Action::Revise | Action::Return { .. } => {
                tx.new_version(item.id, actor.user_id).await?;
            }
            _ => {}
        }
        Ok(())
    }

    /// A reviewer accepts a 保密审查 flag with a reason (it then no longer blocks approval).
    pub async fn accept_flag(
        &self,
        actor: &Actor,
        id: i64,
        key: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        if reason.trim().is_empty() {
            return Err(AppError::Missing("确认保留须填写理由".into()));
        }
        let view = self.item_view_for_action(actor, id).await?;
        if !matches!(
            view.state,
            ItemState::PendingRegistration | ItemState::PendingApproval
        ) {
            return Err(AppError::NotNow(
                "只有审核中的信息可以确认保密审查提示".into(),
            ));
        }
        if !view.flags.iter().any(|f| f.flag.key() == key) {
            return Err(AppError::NotFound("该保密审查提示"));
        }
        let mut tx = self.begin_as(actor).await?;
        audit(
            &mut tx,
            actor,
            "item.accept_flag",
            id,
            &format!("{key}：{reason}"),
        )
        .await?;
        tx.accept_flag(
            id,
            view.item.current_version,
            key,
            reason.trim(),
            actor.user_id,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Attaches a file to a draft.
    pub async fn attach(
        &self,
        actor: &Actor,
        id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<(), AppError> {
        actor.require(Permission::Draft)?;
        let item = self.own_item(actor, id).await?;
        if item.state != ItemState::Draft {
            return Err(AppError::NotNow("只有草稿可以添加附件".into()));
        }
        let name = files::clean_file_name(file_name);
        let media = files::check_upload(&name, bytes)?;
        let mut tx = self.begin_as(actor).await?;
        audit(&mut tx, actor, "item.attach", id, &name).await?;
        tx.attach(id, item.current_version, &name, media, bytes)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn comment(action: &Action) -> String {
    match action {
        Action::Return { reason } | Action::Withdraw { reason } => reason.trim().to_string(),
        Action::Abolish { on } => format!("自 {on} 起废止"),
        _ => String::new(),
    }
}

async fn audit(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    detail: &str,
) -> Result<(), AppError> {
    let id = id.to_string();
    let entry = AuditEntry {
        actor: &actor.username,
        action,
        entity: "item",
        entity_id: &id,
        detail,
    };
    tx.audit(&entry).await?;
    Ok(())
}
