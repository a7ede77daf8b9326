//! 信息公开保密审查审批表 ("一事一审"): every step, person, time and comment of one item,
//! as a printable page and as DOCX.

use crate::pages::fmt_time;
use crate::respond::{download, page};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use gongkai_app::items::ItemView;
use gongkai_report::docx::{Part, write_parts};

#[derive(Template)]
#[template(path = "shenpibiao.html")]
struct Sheet {
    id: i64,
    agency: String,
    index_no: String,
    title: String,
    doc_no: String,
    written_on: String,
    flags: Vec<String>,
    steps: Vec<(String, String, String, String)>,
}

async fn sheet(ctx: &Ctx, staff: &Staff, id: i64) -> Result<Sheet, WebError> {
    let view: ItemView = ctx.app.item_view(&staff.actor, id).await?;
    let history = ctx.app.flag_history(&staff.actor, id).await?;
    let item = &view.item;
    Ok(Sheet {
        id,
        agency: item.agency_name.clone(),
        index_no: item.index_no.clone().unwrap_or_else(|| "（未登记）".into()),
        title: item.fields.title.clone(),
        doc_no: item.fields.doc_no.clone(),
        written_on: crate::pages::day(item.fields.written_on),
        flags: history
            .iter()
            .map(|f| format!("{}（第{}版发现）：{}", f.label, f.raised_in, f.resolution))
            .collect(),
        steps: view
            .reviews
            .iter()
            .map(|r| {
                (
                    format!("{}（第{}版）", r.decision, r.version),
                    r.user_name.clone(),
                    fmt_time(r.at),
                    r.comment.clone(),
                )
            })
            .collect(),
    })
}

pub async fn html(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    page(&sheet(&ctx, &staff, id).await?)
}

pub async fn docx(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let s = sheet(&ctx, &staff, id).await?;
    let mut steps = vec![vec![
        "环节".to_string(),
        "办理人".into(),
        "时间".into(),
        "意见".into(),
    ]];
    steps.extend(
        s.steps
            .iter()
            .map(|(a, b, c, d)| vec![a.clone(), b.clone(), c.clone(), d.clone()]),
    );
    let flags = if s.flags.is_empty() {
        "未发现".to_string()
    } else {
        s.flags.join("；")
    };
    let parts = [
        Part::Title("信息公开保密审查审批表".into()),
        Part::Flush(format!("单位：{}", s.agency)),
        Part::Flush(format!("索引号：{}", s.index_no)),
        Part::Table(vec![
            vec!["信息标题".into(), s.title.clone()],
            vec!["文号".into(), s.doc_no.clone()],
            vec!["成文日期".into(), s.written_on.clone()],
            vec!["公开方式".into(), "主动公开（政府信息公开专栏）".into()],
            vec!["保密审查提示".into(), flags],
        ]),
        Part::Heading("审查审批记录".into()),
        Part::Table(steps),
        Part::Heading("签字".into()),
        Part::Table(vec![
            vec!["登记审核意见".into(), String::new()],
            vec!["登记审核人签字".into(), "日期：　　年　　月　　日".into()],
            vec!["领导审批意见".into(), String::new()],
            vec!["审批人签字".into(), "日期：　　年　　月　　日".into()],
        ]),
    ];
    let bytes =
        write_parts(&parts).map_err(|e| WebError::BadRequest(format!("生成 DOCX 失败：{e}")))?;
    let media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    Ok(download(
        &format!("保密审查审批表-{}.docx", s.index_no.replace('/', "_")),
        media,
        bytes,
    ))
}
