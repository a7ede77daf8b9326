//! The 年度报告 computed from the data (issue 7): tables 三 and 四 from the applications'
//! ledgers and the 复议/诉讼 records (balanced by construction, see
//! `gongkai_domain::report::compute`), the narrative prefilled with sentences that state the
//! same figures. Table 二's figures come from other systems and are zero until entered.

use crate::ledger_codec::decode;
use crate::{App, AppError};
use gongkai_domain::clock::{ApplicantType, Channel, Date, Event};
use gongkai_domain::report::compute::{
    AppealFacts, AppealKind, AppealResult, CaseFacts, appeals_table, applications_table,
};
use gongkai_domain::report::layout::{AppRowKind, TOTAL_COLUMN};
use gongkai_domain::report::{AnnualReport, Cell, Format, Grid, Number, Section, SectionKind};
use gongkai_store::appeals::AppealRow;
use gongkai_store::items::PublicFilter;

fn appeal_facts(a: &AppealRow) -> Option<AppealFacts> {
    let kind = match a.kind.as_str() {
        "reconsideration" => AppealKind::Reconsideration,
        "lawsuit_direct" => AppealKind::LawsuitDirect,
        _ => AppealKind::LawsuitAfterReconsideration,
    };
    let result = match a.result.as_str() {
        "upheld" => AppealResult::Upheld,
        "corrected" => AppealResult::Corrected,
        "other" => AppealResult::Other,
        _ => AppealResult::Pending,
    };
    let decided = a
        .decided_on
        .as_deref()
        .and_then(|d| Date::parse(d).ok())
        .map(|d| (d, result));
    Some(AppealFacts {
        kind,
        filed: Date::parse(&a.filed_on).ok()?,
        decided: decided.filter(|_| result != AppealResult::Pending),
    })
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
    /// The facts of every application of an agency.
    async fn case_facts(&self, agency_id: i64) -> Result<Vec<CaseFacts>, AppError> {
        let mut facts = Vec::new();
        for case in self.store.agency_cases(agency_id).await? {
            let channel = Channel::parse(&case.channel).unwrap_or(Channel::Online);
            let events: Vec<Event> = self
                .store
                .case_events(case.id)
                .await?
                .iter()
                .filter_map(|r| decode(r, channel))
                .collect();
            let applicant =
                ApplicantType::parse(&case.applicant_type).unwrap_or(ApplicantType::Other);
            facts.push(CaseFacts::from_events(applicant, &events));
        }
        Ok(facts)
    }

    /// The agency's report for `year`, computed from its items, applications and appeals.
    pub async fn compute_report(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<AnnualReport, AppError> {
        let agency = self
            .store
            .agency(agency_id)
            .await?
            .ok_or(AppError::NotFound("机关"))?;
        let applications = applications_table(&self.case_facts(agency_id).await?, year);
        let appeals: Vec<AppealFacts> = self
            .store
            .agency_appeals(agency_id)
            .await?
            .iter()
            .filter_map(appeal_facts)
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
        r.sections = narrative(&agency.name, year, published, &applications, &appeals);
        r.proactive = Some(zero_proactive(&r));
        r.applications = Some(applications);
        r.appeals = Some(appeals);
        Ok(r)
    }
}

fn zero_proactive(r: &AnnualReport) -> Grid {
    let mut grid = r.empty_proactive();
    for (i, row) in Format::Current2021.proactive_rows().iter().enumerate() {
        for c in 0..row.columns.len() {
            grid.set(i, c, Cell::Number(Number::ZERO));
        }
    }
    grid
}

/// Sentences that state the data, for staff to extend.
fn narrative(agency: &str, year: i32, published: i64, apps: &Grid, appeals: &Grid) -> Vec<Section> {
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
    let overview = format!(
        "（一）主动公开：{year}年，{agency}累计主动公开政府信息{published}条。\n{applications}"
    );
    vec![
        Section::official(SectionKind::Overview, overview),
        Section::official(SectionKind::Proactive, ""),
        Section::official(SectionKind::Applications, ""),
        Section::official(SectionKind::Appeals, appeals_text),
        Section::official(
            SectionKind::Problems,
            "（由本机关填写存在的主要问题及改进情况。）",
        ),
        Section::official(
            SectionKind::Other,
            format!("{year}年，{agency}未收取信息处理费。"),
        ),
    ]
}
