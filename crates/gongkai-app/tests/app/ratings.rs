//! Issue 16: 社会评议 on both backends: counts and 满意率, the follow-up of a 差评, one rating
//! per application.

use crate::support::{each_backend, fields, publish};
use gongkai_domain::clock::{Event, Outcome};
use gongkai_domain::rating::Level;

#[tokio::test]
async fn issue16_ratings_count_per_agency_and_a_bad_one_is_followed_up() {
    for f in each_backend("ratings").await {
        let agency = f.drafter.agency_id;
        let id = f
            .app
            .create_item(&f.drafter, &fields("公示", "正文"))
            .await
            .unwrap();
        publish(&f, id).await;
        for (level, comment) in [
            (Level::VerySatisfied, ""),
            (Level::Basic, ""),
            (Level::VeryDissatisfied, "看不懂"),
            (Level::Dissatisfied, ""),
        ] {
            f.app.rate_item(agency, id, level, comment).await.unwrap();
        }
        let s = f.app.rating_summary(agency).await.unwrap();
        assert_eq!((s.total, s.satisfied), (4, 2));
        assert_eq!(s.label(), "4 次评价，满意率 50.0%");
        let ups = f.app.follow_ups(&f.registrar).await.unwrap();
        assert_eq!(ups.len(), 1, "only the 差评 with a comment");
        let due = f.app.calendar().add_working_days(f.app.today(), 15).date;
        assert_eq!(ups[0].due_on, Some(due));
        f.app
            .respond_follow_up(&f.registrar, ups[0].id, "已电话回访并补充说明")
            .await
            .unwrap();
        let ups = f.app.follow_ups(&f.registrar).await.unwrap();
        assert_eq!(ups[0].response, "已电话回访并补充说明");
        assert!(
            f.app
                .respond_follow_up(&f.drafter, ups[0].id, "x")
                .await
                .is_err()
        );
        assert!(
            f.app
                .rate_item(agency + 1, id, Level::Satisfied, "")
                .await
                .is_err()
        );

        let input = crate::support::application_input();
        let r = f.app.apply_online(agency, &input).await.unwrap();
        let today = f.app.today();
        for e in [
            Event::Confirmed { on: today },
            Event::Answered {
                on: today,
                outcome: Outcome::Granted,
            },
        ] {
            f.app.record_event(&f.registrar, r.id, e, "").await.unwrap();
        }
        for level in [Level::Satisfied, Level::Dissatisfied] {
            f.app
                .rate_answer(&r.code, &r.password, level, "")
                .await
                .unwrap();
        }
        assert_eq!(
            f.app.answer_rating(&r.code).await.unwrap(),
            Some(Level::Dissatisfied)
        );
        assert_eq!(f.app.rating_summary(agency).await.unwrap().total, 5);
    }
}

/// Issue 16: the supervisor's watched columns are bounded like every other setting.
#[tokio::test]
async fn issue16_watched_columns_are_bounded() {
    for f in crate::support::each_backend("watched").await {
        let mut s = f.app.settings(f.admin.agency_id).await.unwrap();
        s.watched_columns = (0..31).map(|n| format!("栏目{n}")).collect();
        assert!(f.app.save_settings(&f.admin, &s).await.is_err());
        s.watched_columns = vec!["财政预决算".into(), "重大建设项目".into()];
        s.stale_days = 60;
        f.app.save_settings(&f.admin, &s).await.unwrap();
        let back = f.app.settings(f.admin.agency_id).await.unwrap();
        assert_eq!((back.watched().len(), back.stale_after()), (2, 60));
        s.stale_days = 4000;
        assert!(f.app.save_settings(&f.admin, &s).await.is_err());
    }
}
