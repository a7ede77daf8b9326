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

    /// What the role does, without the office (a person's name already names their office):
    /// 起草, 登记审核, 审批, 系统管理, 审计, 督查.
    pub fn duty(self) -> &'static str {
        match self {
            Role::Drafter => "起草",
            Role::Registrar => "登记审核",
            Role::Approver => "审批",
            Role::Admin => "系统管理",
            Role::Auditor => "审计",
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

/// A role assignment that 三员分立 forbids (issue 13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GrantError {
    /// One account would hold two of 系统管理员, 领导 (approver) and 审计员.
    Separation(Role, Role),
    /// An administrator may not create an account holding these roles: the auditor checks
    /// the administrator, and another administrator could act in their stead.
    ReservedForOperator(Role),
}

impl GrantError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            GrantError::Separation(..) => "role-separation",
            GrantError::ReservedForOperator(_) => "role-reserved",
        }
    }
}

impl fmt::Display for GrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrantError::Separation(a, b) => write!(
                f,
                "三员分立：同一账号不能同时担任「{}」和「{}」",
                a.label(),
                b.label()
            ),
            GrantError::ReservedForOperator(r) => write!(
                f,
                "「{}」账号由平台运维人员在服务器上用 gongkai user add 创建，系统管理员不能在工作台创建",
                r.label()
            ),
        }
    }
}

impl std::error::Error for GrantError {}

/// The roles 三员分立 keeps apart: no account holds two of them.
const SEPARATED: [Role; 3] = [Role::Admin, Role::Approver, Role::Auditor];

/// Whether one account may hold `roles` (三员分立).
pub fn check_separation(roles: &[Role]) -> Result<(), GrantError> {
    let held: Vec<Role> = SEPARATED
        .into_iter()
        .filter(|r| roles.contains(r))
        .collect();
    match held.as_slice() {
        [a, b, ..] => Err(GrantError::Separation(*a, *b)),
        _ => Ok(()),
    }
}

/// Whether an administrator (in the console) may create an account with `roles`: not an
/// administrator or auditor account, and never against 三员分立. The platform operator (the
/// CLI, with access to the server) creates those.
pub fn check_grant_by_admin(roles: &[Role]) -> Result<(), GrantError> {
    check_separation(roles)?;
    match roles
        .iter()
        .find(|r| matches!(r, Role::Admin | Role::Auditor))
    {
        Some(r) => Err(GrantError::ReservedForOperator(*r)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod grant_tests {
    use super::*;

    #[test]
    fn issue13_no_account_holds_two_of_admin_approver_auditor() {
        for (a, b) in [
            (Role::Admin, Role::Approver),
            (Role::Admin, Role::Auditor),
            (Role::Approver, Role::Auditor),
        ] {
            assert_eq!(check_separation(&[a, b]), Err(GrantError::Separation(a, b)));
        }
        assert_eq!(check_separation(&[Role::Registrar, Role::Approver]), Ok(()));
        assert_eq!(check_separation(&[Role::Auditor, Role::Supervisor]), Ok(()));
    }

    #[test]
    fn issue13_an_admin_cannot_create_admin_or_auditor_accounts() {
        for r in [Role::Admin, Role::Auditor] {
            assert_eq!(
                check_grant_by_admin(&[r]),
                Err(GrantError::ReservedForOperator(r))
            );
        }
        assert_eq!(check_grant_by_admin(&[Role::Approver]), Ok(()));
        assert_eq!(
            check_grant_by_admin(&[Role::Drafter, Role::Registrar]),
            Ok(())
        );
    }
}

/// Whether a staff account may log in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountState {
    /// 正常.
    Active,
    /// Locked after failed logins (older rows; the throttle table replaced it).
    Locked,
    /// 已停用 by the administrator.
    Disabled,
}

impl AccountState {
    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountState::Active => "active",
            AccountState::Locked => "locked",
            AccountState::Disabled => "disabled",
        }
    }

    /// The state with this stored id.
    pub fn parse(id: &str) -> Option<AccountState> {
        [
            AccountState::Active,
            AccountState::Locked,
            AccountState::Disabled,
        ]
        .into_iter()
        .find(|s| s.as_str() == id)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            AccountState::Disabled => "已停用",
            AccountState::Active | AccountState::Locked => "正常",
        }
    }
}

impl std::error::Error for RoleError {}
