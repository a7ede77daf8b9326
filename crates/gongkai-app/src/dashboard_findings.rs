//! What a supervisor may issue a 整改通知 for, read off a dashboard row (issue 16): each
//! finding comes with the notice's subject and its legal basis already worded, so that the
//! supervisor issues it from the dashboard with the form filled in.

use crate::dashboard::{DashboardRow, ReportStatus};

/// The regulation, named in full.
const TIAOLI: &str = "《中华人民共和国政府信息公开条例》";

/// A finding of the dashboard that a 整改通知 can be issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A short name for the link ("超期申请").
    pub label: &'static str,
    /// The notice's subject.
    pub subject: String,
    /// The notice's basis.
    pub basis: String,
}

fn finding(label: &'static str, subject: String, basis: &str) -> Finding {
    Finding {
        label,
        subject,
        basis: basis.to_string(),
    }
}

impl DashboardRow {
    /// The row's findings, in the dashboard's column order.
    pub fn findings(&self, report_year: i32) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.late > 0 {
            let s = format!(
                "本年有{}条信息未在形成或者变更之日起20个工作日内公开",
                self.late
            );
            out.push(finding("超期公开", s, &format!("{TIAOLI}第二十六条")));
        }
        if self.overdue > 0 {
            let s = format!(
                "有{}件政府信息公开申请超过法定期限未答复（合计超期{}个工作日）",
                self.overdue, self.overdue_days
            );
            out.push(finding("超期申请", s, &format!("{TIAOLI}第三十三条")));
        }
        out.extend(self.report_finding(report_year));
        if !self.stale.is_empty() {
            let names: Vec<&str> = self.stale.iter().map(|(c, _)| c.as_str()).collect();
            let s = format!("栏目长期未更新：{}", names.join("、"));
            let basis = "《政府网站与政务新媒体检查指标》（国办函〔2019〕80号）";
            out.push(finding("栏目不更新", s, basis));
        }
        let bad = self.ratings.total - self.ratings.satisfied;
        if bad > 0 {
            let s = format!("本年社会评议有{bad}件不满意评价，请核实整改并回访");
            let basis = "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）";
            out.push(finding("差评", s, basis));
        }
        out
    }

    fn report_finding(&self, year: i32) -> Option<Finding> {
        let basis = format!("{TIAOLI}第四十九条、第五十条");
        let subject = match self.report.as_ref()? {
            ReportStatus::Missing { due } => {
                format!("{year}年度政府信息公开工作年度报告逾期未发布（期限{due}）")
            }
            r @ ReportStatus::Published { on, due, .. } if r.late() => {
                format!("{year}年度政府信息公开工作年度报告逾期发布（{on}发布，期限{due}）")
            }
            ReportStatus::Published { errors, .. } if *errors > 0 => {
                let s = format!(
                    "{year}年度政府信息公开工作年度报告有{errors}处错误（表格勾稽关系或格式），请更正"
                );
                let basis = "国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）";
                return Some(finding("年报错误", s, basis));
            }
            _ => return None,
        };
        Some(finding("年报逾期", subject, &basis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratings::RatingSummary;
    use crate::views::Agency;
    use gongkai_domain::clock::Date;
    use gongkai_domain::report::deadline::AgencyKind;

    fn row() -> DashboardRow {
        DashboardRow {
            agency: Agency {
                id: 1,
                code: "11410721MB1C75730P".into(),
                name: "七里营镇".into(),
                kind: AgencyKind::Government,
                parent_id: None,
                level: String::new(),
            },
            published_year: 0,
            published_month: 0,
            per_month: [0; 12],
            late: 0,
            pending: 0,
            open: 0,
            due_soon: 0,
            overdue: 0,
            overdue_days: 0,
            overdue_per_month: [0; 12],
            answered: 0,
            average_days: None,
            report: None,
            ratings: RatingSummary::default(),
            notices: (0, 0),
            stale: Vec::new(),
        }
    }

    #[test]
    fn issue16_each_dashboard_finding_words_a_notice_with_its_article() {
        assert!(row().findings(2025).is_empty(), "nothing to put right");
        let due = Date::parse("2026-03-31").unwrap_or_else(|_| unreachable!());
        let r = DashboardRow {
            late: 2,
            overdue: 1,
            overdue_days: 7,
            report: Some(ReportStatus::Missing { due }),
            stale: vec![("财政预决算".into(), None)],
            ratings: RatingSummary {
                total: 5,
                satisfied: 3,
            },
            ..row()
        };
        let f = r.findings(2025);
        let labels: Vec<&str> = f.iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            ["超期公开", "超期申请", "年报逾期", "栏目不更新", "差评"]
        );
        assert!(f[1].subject.contains("合计超期7个工作日"), "{f:?}");
        assert!(f[1].basis.ends_with("条例》第三十三条"), "{f:?}");
        assert!(f[2].subject.contains("2025年度"), "{f:?}");
        assert!(f[4].subject.contains("2件不满意"), "{f:?}");
    }
}
