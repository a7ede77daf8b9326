//! The roles of product.md §1 and what each may do. 三员分立: the admin cannot approve or read
//! the audit log, the auditor only reads it.

use std::fmt;

/// A staff role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// 科室人员: drafts items for their own agency.
    Drafter,
    /// 党政办 (信息公开工作机构): 登记审核 and 保密审查, applications.
    Registrar,
    /// 主要领导 / 分管领导: approves publication and extensions.
    Approver,
    /// 系统管理员: users and settings.
    Admin,
    /// 审计员: reads the audit log.
    Auditor,
    /// 督查 (上级主管部门): reads across subordinate agencies.
    Supervisor,
}

/// Something a route or use case needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Draft, edit and submit items.
    Draft,
    /// 登记审核 and 保密审查 of submitted items; withdraw and abolish published ones.
    Register,
    /// 领导审批.
    Approve,
    /// Read the agency's items in the console (any review or drafting role).
    ReadItems,
    /// User administration and agency settings.
    Administer,
    /// Read the audit log.
    ReadAudit,
    /// Read-only dashboards across subordinate agencies.
    Supervise,
}

/// A role name that is not one of the six.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleError(pub String);

impl fmt::Display for RoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "角色「{}」不存在，可选：drafter、registrar、approver、admin、auditor、supervisor",
            self.0
        )
    }
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::Drafter,
        Role::Registrar,
        Role::Approver,
        Role::Admin,
        Role::Auditor,
        Role::Supervisor,
    ];

    /// Parses the stored id (`drafter`, …).
    pub fn parse(text: &str) -> Result<Role, RoleError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
            .ok_or_else(|| RoleError(text.to_string()))
    }

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Drafter => "drafter",
            Role::Registrar => "registrar",
            Role::Approver => "approver",
            Role::Admin => "admin",
            Role::Auditor => "auditor",
            Role::Supervisor => "supervisor",
        }
    }

    /// The Chinese name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Drafter => "科室人员",
            Role::Registrar => "党政办（登记审核）",
            Role::Approver => "领导（审批）",
            Role::Admin => "系统管理员",
            Role::Auditor => "审计员",
            Role::Supervisor => "督查",
        }
    }

    /// Whether the role grants the permission.
    pub fn grants(self, p: Permission) -> bool {
        use Permission as P;
        match self {
            Role::Drafter => matches!(p, P::Draft | P::ReadItems),
            Role::Registrar => matches!(p, P::Register | P::ReadItems),
            Role::Approver => matches!(p, P::Approve | P::ReadItems),
            Role::Admin => matches!(p, P::Administer),
            Role::Auditor => matches!(p, P::ReadAudit),
            Role::Supervisor => matches!(p, P::Supervise),
        }
    }
}

/// Whether any of the roles grants the permission.
pub fn any_grants(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| r.grants(p))
}

impl Permission {
    /// Whether any of `roles` grants this permission.
    pub fn granted_to(self, roles: &[Role]) -> bool {
        any_grants(roles, self)
    }
}
