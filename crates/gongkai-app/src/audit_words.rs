//! The audit log in words (issue 20): each stable action code and entity kind by its Chinese
//! name, from the domain's own labels where the domain names the step. The code stays in the
//! log and beside the words as a small reference.

use gongkai_domain::clock::{ApplicantType, EventKind};
use gongkai_domain::disclosure::{Action, Role};
use gongkai_domain::rectification::NoticeState;

/// Actions that are not a step of a workflow the domain names.
const ACTIONS: &[(&str, &str)] = &[
    ("user.login", "登录"),
    ("user.logout", "退出登录"),
    ("user.login_failed", "登录失败"),
    ("user.throttled", "多次登录失败，暂停登录"),
    ("user.create", "新建账号"),
    ("user.update", "修改账号"),
    ("user.unlock", "解除登录限制"),
    ("user.reset_password", "重置密码（一次性密码）"),
    ("user.change_password", "修改密码"),
    ("user.roles", "修改角色"),
    ("agency.create", "新建机关"),
    ("agency.settings", "修改机关设置"),
    ("item.create", "新建信息"),
    ("item.edit", "修改信息"),
    ("item.attach", "添加附件"),
    ("item.accept_flag", "确认保密审查提示"),
    ("application.register", "登记申请"),
    ("application.transferred", "转送申请"),
    ("application.contact_changed", "申请人更新联系方式"),
    ("application.release_file", "提供公开的文件"),
    ("application.unrelease_file", "撤下公开的文件"),
    ("application.download", "申请人下载文件"),
    ("appeal.record", "登记行政复议、行政诉讼"),
    ("appeal.decide", "记录复议、诉讼结果"),
    ("report.draft", "保存年度报告草稿"),
    ("report.publish", "发布年度报告"),
    ("report.import_figures", "导入年度报告数字"),
    ("rectification.issue", "下发整改通知"),
    ("rating.create", "收到社会评议"),
    ("rating.change", "修改评价"),
    ("rating.follow_up", "回访评价"),
    ("accountability.record", "登记责任追究"),
    ("calendar.add_year", "添加工作日日历"),
    ("letter_template.save", "保存文书模板"),
    ("letter_template.reset", "恢复默认文书模板"),
];

/// The Chinese name of an audit action ("item.approve" → 审批发布).
pub fn action_label(action: &str) -> String {
    if let Some((_, label)) = ACTIONS.iter().find(|(code, _)| *code == action) {
        return (*label).to_string();
    }
    let (kind, step) = action.split_once('.').unwrap_or((action, ""));
    let named = match kind {
        "item" => Action::label_of_code(step),
        "application" => EventKind::parse(step).map(EventKind::label),
        "rectification" => NoticeState::parse(step).map(|s| s.label()),
        _ => None,
    };
    match (named, kind) {
        (Some(label), "rectification") => format!("整改通知：{label}"),
        (Some(label), _) => label.to_string(),
        (None, _) => "其他操作".to_string(),
    }
}

/// A row's detail in words where it is a code: the applicant type of a registration
/// ("natural_person" → 申请人类型：自然人). Other details are already text.
pub fn detail_words(action: &str, detail: String) -> String {
    match action {
        "application.register" => match ApplicantType::parse(&detail) {
            Some(t) => format!("申请人类型：{}", t.label()),
            None => detail,
        },
        "user.create" | "user.roles" => role_words(&detail).unwrap_or(detail),
        _ => detail,
    }
}

/// "drafter,registrar" → 角色：起草人、登记审核人 (`None` when a part is not a role id).
fn role_words(ids: &str) -> Option<String> {
    let labels: Option<Vec<&str>> = ids
        .split(',')
        .map(|id| Role::parse(id).ok().map(Role::label))
        .collect();
    Some(format!("角色：{}", labels?.join("、")))
}

/// The Chinese name of an audited object's kind.
pub fn entity_label(entity: &str) -> &'static str {
    match entity {
        "item" => "信息",
        "application" => "申请",
        "user" => "账号",
        "agency" => "机关",
        "report" => "年度报告",
        "appeal" => "复议诉讼",
        "rectification" => "整改通知",
        "rating" => "评价",
        "accountability" => "责任追究",
        "calendar" => "工作日日历",
        "letter_template" => "文书模板",
        _ => "其他",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_as_words() {
        assert_eq!(action_label("item.approve"), "审批发布");
        assert_eq!(action_label("user.login"), "登录");
        assert_eq!(action_label("application.received"), "收到申请");
        assert_eq!(action_label("unknown.thing"), "其他操作");
    }
}
