//! The item workflow: 草稿 → 待登记审核 → 待领导审批 → 已发布, with 退回修改 (a reason is
//! required) from either review step, and 撤回 / 废止 / 修订 after publication. Nothing is public
//! before approval ("先审查、后公开").

use super::role::{Permission, Role};
use crate::clock::Date;
use std::fmt;

/// Where an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemState {
    /// 草稿 (also after 退回修改).
    Draft,
    /// 待登记审核: submitted, with the 党政办.
    PendingRegistration,
    /// 待领导审批: registered and reviewed, with the approver.
    PendingApproval,
    /// 已发布.
    Published,
    /// 已撤回: taken off the portal.
    Withdrawn,
    /// 已废止: stays visible, marked abolished.
    Abolished,
}

/// 有效性 of a published item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validity {
    /// 有效.
    Valid,
    /// 失效.
    Expired,
    /// 废止.
    Abolished,
}

/// What someone does to an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// 提交审核 (drafter).
    Submit,
    /// 登记审核通过 (registrar): 保密审查 done, 索引号 assigned, on to the approver.
    Register,
    /// 审批通过 (approver): published.
    Approve,
    /// 退回修改 from either review step, with the reason.
    Return {
        /// Why (shown to the drafter, kept in the 审批表).
        reason: String,
    },
    /// 撤回 a published item from the portal.
    Withdraw {
        /// Why.
        reason: String,
    },
    /// 废止 a published item from a date; it stays visible, marked 已废止.
    Abolish {
        /// From when.
        on: Date,
    },
    /// 修订: a new version of a published item, which goes through review again.
    Revise,
}

/// A refused transition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkflowError {
    /// The role may not take this action.
    NotAllowed {
        /// The action's Chinese name.
        action: &'static str,
    },
    /// The action does not apply in this state.
    WrongState {
        /// The action's Chinese name.
        action: &'static str,
        /// The state it was tried in.
        state: ItemState,
    },
    /// 退回修改 or 撤回 without a reason.
    ReasonRequired,
    /// 登记审核 or 审批 while 保密审查 flags are neither fixed nor accepted.
    OpenFlags(usize),
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkflowError::NotAllowed { action } => write!(f, "您的角色无权「{action}」"),
            WorkflowError::WrongState { action, state } => {
                write!(f, "信息处于「{}」状态，不能「{action}」", state.label())
            }
            WorkflowError::ReasonRequired => write!(f, "请填写理由"),
            WorkflowError::OpenFlags(n) => write!(
                f,
                "保密审查还有 {n} 处提示未处理：请修改，或由审核人填写理由后确认"
            ),
        }
    }
}

impl std::error::Error for WorkflowError {}

impl WorkflowError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::NotAllowed { .. } => "workflow-not-allowed",
            WorkflowError::WrongState { .. } => "workflow-wrong-state",
            WorkflowError::ReasonRequired => "workflow-reason-required",
            WorkflowError::OpenFlags(_) => "workflow-open-flags",
        }
    }
}

impl ItemState {
    /// Every state.
    pub const ALL: [ItemState; 6] = [
        ItemState::Draft,
        ItemState::PendingRegistration,
        ItemState::PendingApproval,
        ItemState::Published,
        ItemState::Withdrawn,
        ItemState::Abolished,
    ];

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Draft => "draft",
            ItemState::PendingRegistration => "pending_registration",
            ItemState::PendingApproval => "pending_approval",
            ItemState::Published => "published",
            ItemState::Withdrawn => "withdrawn",
            ItemState::Abolished => "abolished",
        }
    }

    /// Parses the stored id.
    pub fn parse(text: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ItemState::Draft => "草稿",
            ItemState::PendingRegistration => "待登记审核",
            ItemState::PendingApproval => "待领导审批",
            ItemState::Published => "已发布",
            ItemState::Withdrawn => "已撤回",
            ItemState::Abolished => "已废止",
        }
    }

    /// Whether the public may see it (portal, catalogue, search).
    pub fn is_public(self) -> bool {
        matches!(self, ItemState::Published | ItemState::Abolished)
    }

    /// The state after `action` by someone with `roles`, when `open_flags` 保密审查 flags are
    /// neither fixed nor accepted.
    pub fn apply(
        self,
        action: &Action,
        roles: &[Role],
        open_flags: usize,
    ) -> Result<ItemState, WorkflowError> {
        let name = action.label();
        if !action.permission(self).granted_to(roles) {
            return Err(WorkflowError::NotAllowed { action: name });
        }
        if let Action::Return { reason } | Action::Withdraw { reason } = action
            && reason.trim().is_empty()
        {
            return Err(WorkflowError::ReasonRequired);
        }
        let next = self.next(action).ok_or(WorkflowError::WrongState {
            action: name,
            state: self,
        })?;
        // 先审查、后公开: both review steps (登记审核 and 审批) stop at an open flag.
        if matches!(action, Action::Register | Action::Approve) && open_flags > 0 {
            return Err(WorkflowError::OpenFlags(open_flags));
        }
        Ok(next)
    }

    fn next(self, action: &Action) -> Option<ItemState> {
        use ItemState as S;
        Some(match (self, action) {
            (S::Draft, Action::Submit) => S::PendingRegistration,
            (S::PendingRegistration, Action::Register) => S::PendingApproval,
            (S::PendingApproval, Action::Approve) => S::Published,
            (S::PendingRegistration | S::PendingApproval, Action::Return { .. }) => S::Draft,
            (S::Published, Action::Withdraw { .. }) => S::Withdrawn,
            (S::Published, Action::Abolish { .. }) => S::Abolished,
            (S::Published | S::Withdrawn, Action::Revise) => S::Draft,
            _ => return None,
        })
    }
}

impl Action {
    /// The Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Submit => "提交审核",
            Action::Register => "登记审核通过",
            Action::Approve => "审批发布",
            Action::Return { .. } => "退回修改",
            Action::Withdraw { .. } => "撤回",
            Action::Abolish { .. } => "废止",
            Action::Revise => "修订",
        }
    }

    /// The Chinese name of the action whose [`Action::code`] is `code`.
    pub fn label_of_code(code: &str) -> Option<&'static str> {
        let reason = String::new;
        let action = match code {
            "submit" => Action::Submit,
            "register" => Action::Register,
            "approve" => Action::Approve,
            "revise" => Action::Revise,
            "return" => Action::Return { reason: reason() },
            "withdraw" => Action::Withdraw { reason: reason() },
            "abolish" => Action::Abolish {
                on: crate::clock::Date::from_ymd(2000, 1, 1)?,
            },
            _ => return None,
        };
        Some(action.label())
    }

    /// A stable code (audit log, review record).
    pub fn code(&self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Register => "register",
            Action::Approve => "approve",
            Action::Return { .. } => "return",
            Action::Withdraw { .. } => "withdraw",
            Action::Abolish { .. } => "abolish",
            Action::Revise => "revise",
        }
    }

    /// Who may take it in `state`: the drafter submits and revises, the registrar registers,
    /// withdraws and abolishes, the approver approves; 退回修改 belongs to the step it returns
    /// from (the registrar at 待登记审核, the approver at 待领导审批).
    pub fn permission(&self, state: ItemState) -> Permission {
        match self {
            Action::Submit | Action::Revise => Permission::Draft,
            Action::Register | Action::Withdraw { .. } | Action::Abolish { .. } => {
                Permission::Register
            }
            Action::Approve => Permission::Approve,
            Action::Return { .. } if state == ItemState::PendingApproval => Permission::Approve,
            Action::Return { .. } => Permission::Register,
        }
    }
}

impl Validity {
    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expired => "expired",
            Validity::Abolished => "abolished",
        }
    }

    /// Parses the stored id.
    pub fn parse(text: &str) -> Option<Validity> {
        [Validity::Valid, Validity::Expired, Validity::Abolished]
            .into_iter()
            .find(|v| v.as_str() == text)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Validity::Valid => "有效",
            Validity::Expired => "失效",
            Validity::Abolished => "废止",
        }
    }
}
