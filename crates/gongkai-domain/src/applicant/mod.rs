//! An application as 条例第二十九条 defines it: who applies (姓名或者名称、身份证明、联系方式),
//! and a description that identifies the information. Every problem is found at once and
//! named with its field, so the form can show them all.

mod ids;

pub use ids::{IdKind, check_credit_code, check_resident_id, credit_code_check, resident_id_check};

use crate::clock::ApplicantType;

/// The shortest description accepted: enough to identify a document (名称、文号或特征性描述).
pub const MIN_REQUEST_CHARS: usize = 8;

/// What the applicant wrote, as the form's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applicant<'a> {
    /// A column of table 三; `None` when not chosen.
    pub applicant_type: Option<ApplicantType>,
    /// 姓名 or 名称.
    pub name: &'a str,
    /// The kind of identity document (a natural person); organisations use their 统一社会信用代码.
    pub id_kind: Option<IdKind>,
    /// The document's number.
    pub id_no: &'a str,
    /// Phone and/or e-mail.
    pub contact: &'a str,
    /// 法定代表人 (an organisation).
    pub legal_rep: &'a str,
    /// 联系人 (an organisation).
    pub liaison: &'a str,
    /// The information sought.
    pub request: &'a str,
}

/// One field's problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name (`id_no`).
    pub field: &'static str,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Every problem of the application, in the form's order (empty: acceptable).
pub fn validate(a: &Applicant) -> Vec<FieldError> {
    let mut out = Vec::new();
    let Some(kind) = a.applicant_type else {
        out.push(err("applicant_type", "请选择申请人类型"));
        return out.into_iter().chain(rest(a, true)).collect();
    };
    out.extend(rest(a, kind == ApplicantType::NaturalPerson));
    out
}

fn rest(a: &Applicant, person: bool) -> Vec<FieldError> {
    let mut out = Vec::new();
    if a.name.trim().is_empty() {
        let what = if person { "姓名" } else { "名称" };
        out.push(err("name", format!("请填写申请人{what}")));
    }
    out.extend(identity(a, person));
    if let Err(m) = check_contact(a.contact) {
        out.push(err("contact", m));
    }
    if !person {
        if a.legal_rep.trim().is_empty() {
            out.push(err(
                "legal_rep",
                "法人或者其他组织须填写法定代表人或主要负责人",
            ));
        }
        if a.liaison.trim().is_empty() {
            out.push(err("liaison", "法人或者其他组织须填写联系人"));
        }
    }
    if a.request.trim().chars().count() < MIN_REQUEST_CHARS {
        out.push(err(
            "request",
            format!(
                "请写明所需政府信息的名称、文号或者便于查询的特征性描述（至少{MIN_REQUEST_CHARS}个字，如“七里营村2025年道路硬化工程招标文件”），描述不明确的需要补正，答复期限从补正之日起算（条例第二十九条、第三十条）"
            ),
        ));
    }
    out
}

fn identity(a: &Applicant, person: bool) -> Option<FieldError> {
    let id = a.id_no.trim();
    if id.is_empty() {
        let what = if person {
            "身份证件号码"
        } else {
            "统一社会信用代码"
        };
        return Some(err(
            "id_no",
            format!("请填写{what}（条例第二十九条：申请人的身份证明）"),
        ));
    }
    let checked = if person {
        a.id_kind.unwrap_or(IdKind::ResidentId).check(id)
    } else {
        check_credit_code(id)
    };
    checked.err().map(|m| err("id_no", m))
}

/// A contact must hold a phone number (mobile or landline) or an e-mail address.
pub fn check_contact(text: &str) -> Result<(), String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("请填写联系电话或电子邮箱".into());
    }
    let words = t.split(|c: char| c.is_whitespace() || "，,；;、/".contains(c));
    if words.clone().any(is_email) || words.clone().any(is_phone) {
        Ok(())
    } else {
        Err(format!(
            "联系方式“{t}”中没有可用的电话号码或电子邮箱（手机号11位，固定电话如0373-5551234，邮箱如name@example.com）"
        ))
    }
}

fn is_email(w: &str) -> bool {
    let Some((user, host)) = w.split_once('@') else {
        return false;
    };
    let host_ok = host.contains('.') && !host.starts_with('.') && !host.ends_with('.');
    !user.is_empty() && host_ok && w.is_ascii() && !host.contains('@')
}

fn is_phone(w: &str) -> bool {
    let digits: String = w.chars().filter(|c| *c != '-').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mobile =
        digits.len() == 11 && digits.starts_with('1') && !digits[1..2].contains(['0', '1', '2']);
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    let local = (7..=8).contains(&digits.len()) && !digits.starts_with('0');
    mobile || landline || local
}

#[cfg(test)]
mod tests;
