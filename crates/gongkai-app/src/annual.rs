//! The 年度报告 computed from the data (issue 7): tables 三 and 四 from the applications'
//! ledgers and the 复议/诉讼 records (balanced by construction, see
//! `gongkai_domain::report::compute`), the narrative prefilled with sentences that state the
//! same figures. Table 二's figures come from other systems and are zero until entered.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::check::{Finding, Severity, check};
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::compute::{AppealFacts, AppealResult, appeals_table};
use gongkai_domain::report::layout::{AppRowKind, TOTAL_COLUMN};
use gongkai_domain::report::publish::{PROMPT, blockers};
use gongkai_domain::report::{AnnualReport, Cell, Format, Grid, Number, Section, SectionKind};
use gongkai_store::appeals::AppealRow;
use gongkai_store::items::PublicFilter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What staff add to the computed report: table 二's figures from other systems (by row key,
/// as written, e.g. `{"licensing": ["12"], "fees": ["0.35"]}`) and the sections only people
/// can write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportInputs {
    /// Table 二 cells by row key.
    pub proactive: BTreeMap<String, Vec<String>>,
    /// 一（三）政府信息管理 (empty: the draft from the data).
    pub management: String,
    /// 一（四）平台建设 (empty: the draft from the data).
    pub platform: String,
    /// 五、存在的主要问题及改进情况.
    pub problems: String,
    /// 六、其他需要报告的事项.
    pub other: String,
}

fn appeal_facts(a: &AppealRow) -> AppealFacts {
    let decided = a.decided_on.map(|d| (d, a.result));
    AppealFacts {
        kind: a.kind,
        filed: a.filed_on,
        decided: decided.filter(|_| a.result != AppealResult::Pending),
    }
}

fn total(grid: &Grid, kind: AppRowKind) -> i64 {
    let row = Format::Current2021
        .application_rows()
        .iter()
        .position(|r| r.kind == kind);
    row.and_then(|r| grid.value(r, TOTAL_COLUMN))
        .and_then(Number::to_int)
        .unwrap_or(0)
}

impl App {
    /// The agency's report for `year`, computed from its items, applications and appeals.
    pub async fn compute_report(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<AnnualReport, AppError> {
        self.report_year(year)?;
        let agency = self
            .store
            .agency(agency_id)
            .await?
            .ok_or(AppError::NotFound("机关"))?;
        let applications = self.table_3(agency_id, year).await?;
        let appeals: Vec<AppealFacts> = self
            .store
            .agency_appeals(agency_id)
            .await?
            .iter()
            .map(appeal_facts)
            .collect();
        let appeals = appeals_table(&appeals, year);
        let filter = PublicFilter {
            agency_id: Some(agency_id),
            year: Some(year.to_string()),
            limit: 1,
            ..PublicFilter::default()
        };
        let (_, published) = self.store.public_items(&filter).await?;
        let mut r = AnnualReport::new(Format::Current2021);
        r.title = Some(format!("{}{year}年政府信息公开工作年度报告", agency.name));
        r.agency = Some(agency.name.clone());
        r.year = Some(year);
        r.preamble = format!(
            "本报告依据《中华人民共和国政府信息公开条例》第五十条编制，数据统计期限为{year}年1月1日至{year}年12月31日。"
        );
        let inputs = self.report_inputs(agency_id, year).await?;
        let fees = self.store.fees_collected(agency_id, year).await?;
        let supervision = self
            .supervision_sentence(agency_id, &agency.name, year)
            .await?;
        let facts = Facts {
            agency: &agency.name,
            year,
            published,
            fees,
            supervision,
        };
        r.sections = narrative(&facts, &applications, &appeals, &inputs);
        r.proactive = Some(proactive_table(&r, &inputs));
        r.applications = Some(applications);
        r.appeals = Some(appeals);
        Ok(r)
    }
}

/// Table 二 from the entered figures (zero where nothing was entered).
fn proactive_table(r: &AnnualReport, inputs: &ReportInputs) -> Grid {
    let mut grid = r.empty_proactive();
    for (i, row) in Format::Current2021.proactive_rows().iter().enumerate() {
        let entered = inputs.proactive.get(row.key);
        for c in 0..row.columns.len() {
            let text = entered
                .and_then(|v| v.get(c))
                .map(|t| t.trim())
                .filter(|t| !t.is_empty());
            grid.set(i, c, text.map_or(Cell::Number(Number::ZERO), Cell::parse));
        }
    }
    grid
}

impl App {
    /// A report year must lie between 2000 and next year (issue 13: `year=-5` rendered a
    /// report of the year -5).
    pub fn report_year(&self, year: i32) -> Result<(), AppError> {
        let last = self.clock.today().year() + 1;
        if (2000..=last).contains(&year) {
            Ok(())
        } else {
            Err(AppError::Invalid(format!(
                "年度应为2000至{last}之间的年份，收到的是{year}"
            )))
        }
    }

    /// The date by which the agency must publish its report of `year` (条例第四十九条: 1月31日
    /// for 部门, 3月31日 for 人民政府), in words.
    pub async fn report_deadline(&self, agency_id: i64, year: i32) -> Result<String, AppError> {
        let agency = self.store.agency(agency_id).await?;
        let agency = agency.ok_or(AppError::NotFound("机关"))?;
        Ok(agency.kind.report_due_label(year))
    }

    /// Whether a report of `year` published on `on` met 条例第四十九条's deadline, in words.
    pub async fn report_timeliness(
        &self,
        agency_id: i64,
        year: i32,
        on: gongkai_domain::clock::Date,
    ) -> Result<&'static str, AppError> {
        let agency = self.store.agency(agency_id).await?;
        let due = agency
            .ok_or(AppError::NotFound("机关"))?
            .kind
            .report_due(year);
        Ok(match due {
            Some(d) if on > d => "逾期发布",
            _ => "按期发布",
        })
    }

    /// The published versions of the actor's agency's report of `year` (without bodies).
    pub async fn report_versions(
        &self,
        actor: &Actor,
        year: i32,
    ) -> Result<Vec<crate::views::ReportVersion>, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        let rows = self
            .store
            .report_versions(actor.agency_id, i64::from(year))
            .await?;
        Ok(crate::views::all(rows))
    }

    /// The saved inputs of a report (defaults when none).
    pub async fn report_inputs(&self, agency_id: i64, year: i32) -> Result<ReportInputs, AppError> {
        self.report_year(year)?;
        let text = self.store.report_draft(agency_id, i64::from(year)).await?;
        Ok(text
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }

    /// Saves the inputs (registrar).
    pub async fn save_report_inputs(
        &self,
        actor: &Actor,
        year: i32,
        inputs: &ReportInputs,
    ) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        self.report_year(year)?;
        let f = gongkai_domain::fields::REPORT_TEXT;
        let inputs = &ReportInputs {
            management: f.clean(&inputs.management)?,
            platform: f.clean(&inputs.platform)?,
            problems: f.clean(&inputs.problems)?,
            other: f.clean(&inputs.other)?,
            proactive: inputs.proactive.clone(),
        };
        let body = serde_json::to_string(inputs).map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.begin_as(actor).await?;
        tx.save_report_draft(actor.agency_id, i64::from(year), &body, &actor.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The computed report with every finding of the checker (against last year's published
    /// report when there is one).
    pub async fn report_with_findings(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<(AnnualReport, Vec<Finding>), AppError> {
        let report = self.compute_report(agency_id, year).await?;
        let previous = match self.store.snapshot(agency_id, i64::from(year - 1)).await? {
            Some(s) => gongkai_report::json::read(&s.body).ok().map(|p| p.report),
            None => None,
        };
        let findings = check(&report, previous.as_ref());
        Ok((report, findings))
    }

    /// What keeps the computed report of `year` from being published today, in words (empty:
    /// ready): the year not over, a section still a prompt (issue 17).
    pub async fn report_blockers(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<Vec<String>, AppError> {
        let report = self.compute_report(agency_id, year).await?;
        let today = self.clock.today();
        Ok(blockers(&report, year, today)
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// The computed report as the public page will show it: written to the published JSON
    /// and read back, so the console's preview is exactly what goes out.
    pub async fn report_preview(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<AnnualReport, AppError> {
        let report = self.compute_report(agency_id, year).await?;
        let body = gongkai_report::json::write(&report, &[]);
        gongkai_report::json::read(&body)
            .map(|r| r.report)
            .map_err(|e| AppError::Internal(format!("年度报告预览生成失败：{e}")))
    }

    /// Publishes the computed report (approver): refused while the checker finds errors, before
    /// the year has ended, or with a section still a prompt; a second publication of a year is
    /// a correction and needs its 更正说明.
    pub async fn publish_computed_report(
        &self,
        actor: &Actor,
        year: i32,
        note: &str,
    ) -> Result<i64, AppError> {
        actor.require(Permission::Approve)?;
        let (report, findings) = self.report_with_findings(actor.agency_id, year).await?;
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        if errors > 0 {
            return Err(AppError::NotNow(format!(
                "年度报告有 {errors} 处错误，改正后才能发布"
            )));
        }
        let blockers = blockers(&report, year, self.clock.today());
        if !blockers.is_empty() {
            let why: Vec<String> = blockers.iter().map(ToString::to_string).collect();
            return Err(AppError::NotNow(why.join("；")));
        }
        let corrected = self
            .store
            .snapshot(actor.agency_id, i64::from(year))
            .await?
            .is_some();
        if corrected && note.trim().is_empty() {
            return Err(AppError::NotNow(
                "该年度报告已发布，再次发布为更正，请填写更正说明".into(),
            ));
        }
        let body = gongkai_report::json::write(&report, &[]);
        let mut tx = self.begin_as(actor).await?;
        let version = tx
            .publish_report(
                (actor.agency_id, i64::from(year)),
                &body,
                note.trim(),
                actor.user_id,
                &actor.username,
                self.clock.now_ms(),
            )
            .await?;
        tx.commit().await?;
        Ok(version)
    }
}

/// What the narrative states besides the tables.
struct Facts<'a> {
    agency: &'a str,
    year: i32,
    /// Items published in the year.
    published: i64,
    /// 信息处理费 collected: (applications, 元).
    fees: (i64, i64),
    /// 一（五） 监督保障.
    supervision: String,
}

/// Section 六's default: the 信息处理费 collected (国办公开办函〔2021〕30号 asks for it).
fn fees_sentence(f: &Facts) -> String {
    let (year, agency) = (f.year, f.agency);
    match f.fees {
        (0, _) => format!("{year}年，{agency}未收取信息处理费。"),
        (n, yuan) => format!(
            "{year}年，{agency}依据《政府信息公开信息处理费管理办法》对{n}件政府信息公开申请收取信息处理费，共计{yuan}元。"
        ),
    }
}

/// Sentences that state the data, for staff to extend.
fn narrative(f: &Facts, apps: &Grid, appeals: &Grid, inputs: &ReportInputs) -> Vec<Section> {
    let (agency, year, published) = (f.agency, f.year, f.published);
    let new = total(apps, AppRowKind::New);
    let done = total(apps, AppRowKind::Total);
    let carried = total(apps, AppRowKind::CarriedOut);
    let applications = if new == 0 && total(apps, AppRowKind::CarriedIn) == 0 {
        format!("（二）依申请公开：{year}年，{agency}未收到政府信息公开申请。")
    } else {
        format!(
            "（二）依申请公开：{year}年，{agency}新收政府信息公开申请{new}件，办结{done}件，结转下年度继续办理{carried}件。"
        )
    };
    let appeal_count: i64 = (0..3)
        .filter_map(|g| appeals.value(g, 4).and_then(Number::to_int))
        .sum();
    let appeals_text = if appeal_count == 0 {
        format!("{year}年，{agency}未发生因政府信息公开引起的行政复议、行政诉讼。")
    } else {
        format!(
            "{year}年，{agency}因政府信息公开被申请行政复议、提起行政诉讼共{appeal_count}件，具体情况见下表。"
        )
    };
    let management = or(
        &headed(&inputs.management, "（三）", "政府信息管理"),
        &format!(
            "（三）政府信息管理：{agency}落实“先审查、后公开”和“一事一审”要求，{year}年主动公开的{published}条政府信息均经保密审查后发布，发布后如有更正均保留原件和更正记录。"
        ),
    );
    let platform = or(
        &headed(&inputs.platform, "（四）", "平台建设"),
        &format!(
            "（四）平台建设：{agency}依托政府信息公开平台设置本机关专栏，{year}年在专栏发布政府信息{published}条，依申请公开实行网上申请、办理进度查询和答复结果评价。"
        ),
    );
    let overview = format!(
        "（一）主动公开：{year}年，{agency}累计主动公开政府信息{published}条。\n{applications}\n{management}\n{platform}\n{}",
        f.supervision
    );
    vec![
        Section::official(SectionKind::Overview, overview),
        Section::official(SectionKind::Proactive, ""),
        Section::official(SectionKind::Applications, ""),
        Section::official(SectionKind::Appeals, appeals_text),
        Section::official(
            SectionKind::Problems,
            or(
                &inputs.problems,
                &format!("{PROMPT}存在的主要问题及改进情况。）"),
            ),
        ),
        Section::official(SectionKind::Other, or(&inputs.other, &fees_sentence(f))),
    ]
}

/// An entered paragraph of 一、总体情况 under its number and heading ("（三）政府信息管理："),
/// unless the clerk already wrote them; empty stays empty (the default is used).
fn headed(entered: &str, number: &str, heading: &str) -> String {
    let text = entered.trim();
    if text.is_empty() || text.starts_with(number) {
        text.to_string()
    } else {
        format!("{number}{heading}：{text}")
    }
}

fn or(entered: &str, default: &str) -> String {
    if entered.trim().is_empty() {
        default.to_string()
    } else {
        entered.trim().to_string()
    }
}
