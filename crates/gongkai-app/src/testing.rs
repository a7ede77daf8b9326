//! One seeder for the tests of this crate and the crates above (feature `test-support`,
//! issue 14: the 七里营镇 agency and its users were built three times).

use crate::agencies::AgencyInput;
use crate::auth::UserInput;
use crate::{App, AppError};
use gongkai_domain::disclosure::Role;
use gongkai_store::agencies::AgencyKind;

/// The password of every seeded account.
pub const PASSWORD: &str = "Test-Passw0rd-2025";

/// The county's code (统一社会信用代码, used in 索引号).
pub const COUNTY_CODE: &str = "11410721005570011X";

/// 七里营镇's code.
pub const TOWN_CODE: &str = "11410721MB1C75730P";

/// Adds an agency; returns its id.
pub async fn agency(
    app: &App,
    parent: Option<i64>,
    code: &str,
    name: &str,
    kind: AgencyKind,
) -> Result<i64, AppError> {
    let level = if parent.is_some() { "乡级" } else { "县级" };
    let dir = app.directory().await?;
    let input = AgencyInput {
        code: code.into(),
        name: name.into(),
        level: level.into(),
        kind: kind.as_str().into(),
        parent_code: parent
            .and_then(|p| dir.by_id(p))
            .map(|p| p.code.clone())
            .unwrap_or_default(),
    };
    Ok(app.add_agency(None, &input, None).await?.id)
}

/// 新乡县人民政府 (when `county`) and 七里营镇 under it; returns (county, town).
pub async fn qiliying(app: &App, county: bool) -> Result<(Option<i64>, i64), AppError> {
    let parent = match county {
        true => Some(
            agency(
                app,
                None,
                COUNTY_CODE,
                "新乡县人民政府",
                AgencyKind::Government,
            )
            .await?,
        ),
        false => None,
    };
    let town = agency(
        app,
        parent,
        TOWN_CODE,
        "新乡县七里营镇人民政府",
        AgencyKind::Government,
    );
    Ok((parent, town.await?))
}

/// Accounts of `agency`, one role each, with [`PASSWORD`]; `display` names them.
pub async fn users(
    app: &App,
    agency: i64,
    accounts: &[(&str, Role)],
    display: impl Fn(&str, Role) -> String,
) -> Result<(), AppError> {
    for (name, role) in accounts {
        let input = UserInput {
            username: (*name).into(),
            display_name: display(name, *role),
            password: PASSWORD.into(),
            roles: vec![*role],
            agency_id: Some(agency),
        };
        app.create_user(None, &input).await?;
    }
    Ok(())
}
