//! Misbehaving on purpose, so the client's handling of failures can be tested.
//! Empty by default: then the sandbox behaves exactly as the contract says.

use super::error::ApiFailure;
use crate::api::Id;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Any request about one of these ghosts (`.../ghosts/{id}` and below) answers 500.
    pub fail_ghost_ids: Vec<Id>,
}

impl Faults {
    /// The failure to answer instead of serving `path`, if any.
    pub fn failure_for(&self, path: &str) -> Option<ApiFailure> {
        let mut segments = path.split('/');
        segments.by_ref().find(|s| *s == "ghosts")?;
        let id: Id = segments.next()?.parse().ok()?;
        self.fail_ghost_ids
            .contains(&id)
            .then(|| ApiFailure::internal(format!("injected failure for ghost {id}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fails_only_the_listed_ghost() {
        let faults = Faults {
            fail_ghost_ids: vec![7],
        };
        let ws = "/api/organizations/1/workspaces/1";
        assert!(faults.failure_for(&format!("{ws}/ghosts/7")).is_some());
        assert!(
            faults
                .failure_for(&format!("{ws}/ghosts/7/embody"))
                .is_some()
        );
        assert!(faults.failure_for(&format!("{ws}/ghosts/70")).is_none());
        assert!(faults.failure_for(&format!("{ws}/ghosts")).is_none());
        assert!(
            Faults::default()
                .failure_for(&format!("{ws}/ghosts/7"))
                .is_none()
        );
    }
}
