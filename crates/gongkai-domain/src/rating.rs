//! 社会评议: the public's rating on the five levels of 政务服务"好差评" (国办发〔2019〕51号),
//! and the rules around it: a 差评 with a comment is followed up within 15 working days
//! (核实整改、回访), and the 满意率 is the share of the top three levels.

use std::fmt;

/// A level of 好差评.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[expect(missing_docs, reason = "each variant is the level its label names")]
pub enum Level {
    VerySatisfied,
    Satisfied,
    Basic,
    Dissatisfied,
    VeryDissatisfied,
}

/// Working days within which a 差评 is verified, rectified and the rater called back.
pub const FOLLOW_UP_DAYS: u32 = 15;

/// Calendar days within which an applicant may change their rating of an answer.
pub const CHANGE_DAYS: i32 = 15;

/// The longest comment kept.
pub const MAX_COMMENT_CHARS: usize = 500;

impl Level {
    /// From best to worst.
    pub const ALL: [Level; 5] = [
        Level::VerySatisfied,
        Level::Satisfied,
        Level::Basic,
        Level::Dissatisfied,
        Level::VeryDissatisfied,
    ];

    /// The stored score, 5 (非常满意) to 1 (非常不满意).
    pub fn score(self) -> i64 {
        match self {
            Level::VerySatisfied => 5,
            Level::Satisfied => 4,
            Level::Basic => 3,
            Level::Dissatisfied => 2,
            Level::VeryDissatisfied => 1,
        }
    }

    /// The level of a stored score.
    pub fn from_score(score: i64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.score() == score)
    }

    /// The level of a form value (the score as text).
    pub fn parse(text: &str) -> Option<Level> {
        Level::from_score(text.trim().parse().ok()?)
    }

    /// 非常满意 … 非常不满意.
    pub fn label(self) -> &'static str {
        match self {
            Level::VerySatisfied => "非常满意",
            Level::Satisfied => "满意",
            Level::Basic => "基本满意",
            Level::Dissatisfied => "不满意",
            Level::VeryDissatisfied => "非常不满意",
        }
    }

    /// 差评: 不满意 or 非常不满意.
    pub fn is_bad(self) -> bool {
        self.score() <= 2
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// 满意率: the share of 非常满意, 满意 and 基本满意 among `total` ratings (None without any).
pub fn satisfaction(satisfied: i64, total: i64) -> Option<f64> {
    (total > 0).then(|| satisfied as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_levels_read_back_from_their_scores_and_two_are_bad() {
        for l in Level::ALL {
            assert_eq!(Level::parse(&l.score().to_string()), Some(l));
        }
        assert_eq!(Level::parse("6"), None);
        let bad: Vec<_> = Level::ALL.into_iter().filter(|l| l.is_bad()).collect();
        assert_eq!(bad, [Level::Dissatisfied, Level::VeryDissatisfied]);
        assert_eq!(satisfaction(3, 4), Some(0.75));
        assert_eq!(satisfaction(0, 0), None);
    }
}
