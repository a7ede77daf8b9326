//! Administration (系统管理员: agency settings; accounts are in `users_admin`) and the audit
//! log (审计员).

use crate::pages::{Nav, fmt_time};
use crate::respond::page;
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use gongkai_app::audit_log::AuditLine;
use gongkai_app::settings::{AgencySettings, channel_label};
use gongkai_app::views::AuditVerdict;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::letters::LetterKind;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/settings", get(settings).post(save_settings))
        .route("/console/audit", get(audit))
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct Settings {
    nav: Nav,
    s: AgencySettings,
    domains: String,
    topics: String,
    watched: String,
    channels: Vec<(&'static str, &'static str, bool)>,
    message: Option<&'static str>,
    /// 文号 prefixes: (letter kind, title, prefix).
    prefixes: Vec<(&'static str, &'static str, String)>,
}

const CHANNELS: [&str; 5] = ["online", "in_person", "registered_mail", "mail", "fax"];

async fn settings(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    let s = ctx.app.settings(staff.actor.agency_id).await?;
    let channels = CHANNELS
        .iter()
        .map(|c| (*c, channel_label(c), s.channels.iter().any(|x| x == c)))
        .collect();
    let message =
        (m.msg.as_deref() == Some("saved")).then_some("设置已保存，政府信息公开指南已更新。");
    page(&Settings {
        nav: Nav::of(&staff.actor, &staff.csrf),
        domains: s.domain_list().join("\n"),
        topics: s.topic_list().join("\n"),
        watched: s.watched().join("\n"),
        prefixes: LetterKind::ALL
            .iter()
            .map(|k| {
                let value = s
                    .letter_prefixes
                    .get(k.as_str())
                    .cloned()
                    .unwrap_or_default();
                (k.as_str(), k.title(), value)
            })
            .collect(),
        s,
        channels,
        message,
    })
}

/// Non-empty trimmed lines, each once, in order.
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.iter().any(|l| l == line) {
            out.push(line.to_string());
        }
    }
    out
}

async fn save_settings(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    staff.check_csrf(&get("csrf"))?;
    let s = AgencySettings {
        office: get("office"),
        address: get("address"),
        hours: get("hours"),
        phone: get("phone"),
        fax: get("fax"),
        postcode: get("postcode"),
        email: get("email"),
        website: get("website"),
        channels: pairs
            .iter()
            .filter(|(n, _)| n == "channel")
            .map(|(_, v)| v.clone())
            .collect(),
        rules: get("rules"),
        reconsideration_body: get("reconsideration_body"),
        domains: lines(&get("domains")),
        topics: lines(&get("topics")),
        watched_columns: lines(&get("watched_columns")),
        letter_prefixes: LetterKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_string(),
                    get(&format!("prefix.{}", k.as_str())),
                )
            })
            .filter(|(_, p)| !p.is_empty())
            .collect(),
        stale_days: match get("stale_days").as_str() {
            "" => 0,
            n => n
                .parse()
                .map_err(|_| WebError::Param("栏目不更新的天数应为整数".into()))?,
        },
    };
    ctx.app.save_settings(&staff.actor, &s).await?;
    Ok(Redirect::to("/console/settings?msg=saved").into_response())
}

#[derive(Template)]
#[template(path = "audit.html")]
struct Audit {
    nav: Nav,
    verdict: String,
    rows: Vec<AuditRowView>,
    older: Option<i64>,
}

/// A row as the table shows it.
struct AuditRowView {
    line: AuditLine,
    at: String,
    /// The detail in pieces: text, or a code (a hash shortened, its full value as the title).
    detail: Vec<DetailPart>,
}

enum DetailPart {
    Text(String),
    Code { short: String, full: String },
}

/// Splits a detail so that hashes (runs of 16 hex digits or more) and JSON show as code, a
/// hash cut to 12 digits with the whole value on hover.
fn detail_parts(detail: &str) -> Vec<DetailPart> {
    if detail.starts_with('{') {
        return vec![DetailPart::Code {
            short: detail.to_string(),
            full: detail.to_string(),
        }];
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    for token in detail.split_inclusive(|c: char| !c.is_ascii_hexdigit()) {
        let hex = token.trim_end_matches(|c: char| !c.is_ascii_hexdigit());
        if hex.len() >= 16 {
            parts.push(DetailPart::Text(std::mem::take(&mut text)));
            parts.push(DetailPart::Code {
                short: format!("{}…", &hex[..12]),
                full: hex.to_string(),
            });
            text.push_str(&token[hex.len()..]);
        } else {
            text.push_str(token);
        }
    }
    parts.push(DetailPart::Text(text));
    parts
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<i64>,
}

async fn audit(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let p = ctx.app.audit_page(&staff.actor, q.before).await?;
    let verdict = match p.verdict {
        AuditVerdict::Intact { rows } => format!("审计日志完整：共 {rows} 条，哈希链校验通过。"),
        AuditVerdict::Broken { seq, why } => format!("审计日志在第 {seq} 条处被篡改：{why}"),
    };
    let rows = p.lines.into_iter().map(|line| AuditRowView {
        at: fmt_time(line.at),
        detail: detail_parts(&line.detail),
        line,
    });
    page(&Audit {
        nav: Nav::of(&staff.actor, &staff.csrf),
        verdict,
        rows: rows.collect(),
        older: p.older,
    })
}
