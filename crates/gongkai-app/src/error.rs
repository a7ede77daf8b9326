//! The use cases' one error type: Chinese messages for people, stable codes for machines.

use gongkai_domain::disclosure::WorkflowError;
use gongkai_domain::letters::TemplateError;
use gongkai_search::SearchError;
use gongkai_store::StoreError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Wrong user name or password (deliberately not saying which).
    #[error("用户名或密码错误")]
    BadCredentials,
    /// Too many failed logins: the account is locked for a while.
    #[error("连续登录失败次数过多，请于 {minutes} 分钟后再试（其他地点的登录不受影响）")]
    Locked {
        /// Minutes left.
        minutes: i64,
    },
    /// The account is disabled.
    #[error("账号已停用，请联系系统管理员")]
    Disabled,
    /// The session is missing or expired.
    #[error("请先登录（长时间未操作，登录已失效）")]
    NotLoggedIn,
    /// The user's roles do not allow this.
    #[error("无权进行此操作")]
    Forbidden,
    /// No such thing (or not visible to this user).
    #[error("找不到{0}")]
    NotFound(&'static str),
    /// A value in the wrong form or out of its range; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// A required field left empty or a choice not made.
    #[error("{0}")]
    Missing(String),
    /// An application with problems in several fields (条例第二十九条), all of them at once.
    #[error("{}", fields_text(.0))]
    Fields(Vec<gongkai_domain::applicant::FieldError>),
    /// The thing is not in a state that allows this (only drafts are edited, …).
    #[error("{0}")]
    NotNow(String),
    /// A name or key that exists already.
    #[error("{0}")]
    Duplicate(String),
    /// An uploaded file refused (size, count, type, content).
    #[error("{0}")]
    File(String),
    /// Someone else changed it first (two people acting on one item at once).
    #[error("该信息已被他人处理，请刷新后重试")]
    Conflict,
    /// The ledger refused the sequence of events (条例第三十条至第三十三条).
    #[error("{0}")]
    Ledger(#[from] gongkai_domain::clock::LedgerError),
    /// The server could not do its own part (a thread, the random source, rendering a file):
    /// the message is for the log; people see a generic page.
    #[error("{0}")]
    Internal(String),
    /// The workflow refused the step.
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    /// A letter template that cannot be used.
    #[error("{0}")]
    Template(#[from] TemplateError),
    /// The server is at capacity for this kind of work (password hashing): try again later.
    #[error("访问人数较多，请 {secs} 秒后再试")]
    Busy {
        /// Seconds to wait.
        secs: u64,
    },
    /// A form value over its field's length.
    #[error("{0}")]
    TooLong(#[from] gongkai_domain::fields::TooLong),
    /// A role assignment that 三员分立 forbids.
    #[error("{0}")]
    Grant(#[from] gongkai_domain::disclosure::GrantError),
    /// The database failed.
    #[error("{0}")]
    Store(StoreError),
    /// The search index failed.
    #[error("{0}")]
    Search(#[from] SearchError),
}

impl AppError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadCredentials => "auth-bad-credentials",
            AppError::Locked { .. } => "auth-locked",
            AppError::Disabled => "auth-disabled",
            AppError::NotLoggedIn => "auth-required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound(_) => "not-found",
            AppError::Invalid(_) => "invalid-input",
            AppError::Missing(_) => "input-missing",
            AppError::Fields(_) => "application-invalid",
            AppError::NotNow(_) => "wrong-state",
            AppError::Duplicate(_) => "duplicate",
            AppError::File(_) => "file-refused",
            AppError::Conflict => "conflict",
            AppError::Ledger(e) => e.code(),
            AppError::Internal(_) => "internal",
            AppError::Busy { .. } => "busy",
            AppError::TooLong(_) => "field-too-long",
            AppError::Grant(e) => e.code(),
            AppError::Workflow(e) => e.code(),
            AppError::Template(e) => e.code(),
            AppError::Store(e) => e.code(),
            AppError::Search(_) => "search-index",
        }
    }
}

impl AppError {
    /// Whether the person can fix it by changing what they typed or chose (the form is shown
    /// again with the message).
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            AppError::Invalid(_)
                | AppError::Missing(_)
                | AppError::Fields(_)
                | AppError::NotNow(_)
                | AppError::Duplicate(_)
                | AppError::File(_)
                | AppError::TooLong(_)
                | AppError::Ledger(_)
        )
    }
}

fn fields_text(errors: &[gongkai_domain::applicant::FieldError]) -> String {
    let lines: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    format!("申请有{}处需要修改：{}", errors.len(), lines.join("；"))
}

impl From<StoreError> for AppError {
    /// A write that lost a race is [`AppError::Conflict`]; everything else stays a store error.
    fn from(e: StoreError) -> AppError {
        if e.is_conflict() {
            AppError::Conflict
        } else {
            AppError::Store(e)
        }
    }
}
