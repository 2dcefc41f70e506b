//! Marked ghosts: a set of ids with their names, kept while the ghosts are out of view
//! (another page, search or filter), so a bulk action can still name them.

use std::collections::BTreeMap;

use crate::api::{Ghost, Id};

use super::text::one_line;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks(BTreeMap<Id, String>);

impl Marks {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, id: Id) -> bool {
        self.0.contains_key(&id)
    }

    /// Marks `ghost`, or unmarks it if it was marked.
    pub fn toggle(&mut self, ghost: &Ghost) {
        if self.0.remove(&ghost.id).is_none() {
            self.mark(ghost);
        }
    }

    pub fn mark(&mut self, ghost: &Ghost) {
        self.0.insert(ghost.id, one_line(&ghost.name).into_owned());
    }

    pub fn remove(&mut self, id: Id) {
        self.0.remove(&id);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// `(id, name)` in id order.
    pub fn iter(&self) -> impl Iterator<Item = (Id, &str)> {
        self.0.iter().map(|(id, name)| (*id, name.as_str()))
    }
}
