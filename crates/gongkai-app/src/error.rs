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
    /// Input that cannot be accepted; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
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
    Store(#[from] StoreError),
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
