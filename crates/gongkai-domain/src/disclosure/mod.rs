//! 主动公开: who may do what (roles), the item workflow ("先审查、后公开", "一事一审"), the
//! 保密审查 assistance flags, and the 条例第二十六条 timeliness rule. Pure: dates and the
//! calendar are arguments.

mod domains;
mod flags;
mod item_fields;
mod role;
mod timeliness;
mod topics;
mod workflow;

pub use domains::STANDARD_DOMAINS;
pub use flags::{Flag, FlagKind, scan};
pub use item_fields::ItemFields;
pub use role::{
    AccountState, GrantError, Permission, Role, RoleError, check_grant_by_admin, check_separation,
};
pub use timeliness::{PUBLISH_DAYS, Timeliness, timeliness};
pub use topics::DEFAULT_TOPICS;
pub use workflow::{Action, ItemState, Validity, WorkflowError};

#[cfg(test)]
mod tests;
